package io.drip.dispatch.text;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The brand prefix and opt-out footer every marketing SMS carries, added when the text lacks
 * them, in the contact's language: 【Brand】 … 回TD退订 in Chinese, "Brand: … Reply STOP to opt
 * out" in English. A text that already names the brand keeps its own prefix; one that already
 * tells how to opt out (its footer, or the language's keyword as a word) keeps its own footer.
 */
@ApplicationScoped
public class ComplianceText {

    /** drip.compliance.*: the brand, and the footer and opt-out keyword per language. */
    @ConfigMapping(prefix = "drip.compliance")
    public interface Config {
        Optional<String> brand();

        /** Footer per language (en, zh, fr...). */
        Map<String, String> footer();

        /** The opt-out keyword per language, as the footer names it. */
        Map<String, String> keyword();

        @WithDefault("en")
        String defaultLanguage();
    }

    @Inject
    Config config;

    /** Each language's keyword as the test of a word, compiled once (compiling it was 2 % of dispatch's CPU). */
    private final Map<String, Predicate<String>> keywordTests = new ConcurrentHashMap<>();

    public String apply(String text, String locale) {
        String language = language(locale);
        String withBrand = config.brand().filter(brand -> !text.toLowerCase(Locale.ROOT).contains(brand.toLowerCase(Locale.ROOT)))
                .map(brand -> prefix(brand, language) + text).orElse(text);
        String footer = config.footer().get(language);
        if (footer == null || withBrand.contains(footer) || mentionsKeyword(withBrand, language)) {
            return withBrand;
        }
        return withBrand + (language.equals("zh") ? "" : " ") + footer;
    }

    private String language(String locale) {
        if (locale != null) {
            String language = Locale.forLanguageTag(locale.replace('_', '-')).getLanguage();
            if (config.footer().containsKey(language)) {
                return language;
            }
        }
        return config.defaultLanguage();
    }

    private static String prefix(String brand, String language) {
        return language.equals("zh") ? "【" + brand + "】" : brand + ": ";
    }

    private boolean mentionsKeyword(String text, String language) {
        String keyword = config.keyword().get(language);
        return keyword != null && keywordTests.computeIfAbsent(keyword, ComplianceText::keywordTest).test(text);
    }

    /** A Latin keyword counts as a word (STOP, not STOPPED); a CJK one (退订) anywhere. */
    private static Predicate<String> keywordTest(String keyword) {
        if (!keyword.matches("\\p{IsLatin}+")) {
            return text -> text.contains(keyword);
        }
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(keyword) + "(?![\\p{L}\\p{N}])").asPredicate();
    }
}
