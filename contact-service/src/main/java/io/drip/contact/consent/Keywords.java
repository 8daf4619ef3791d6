package io.drip.contact.consent;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.text.Normalizer;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Recognises the keyword an inbound SMS consists of. The text is compared after Unicode NFKC
 * normalisation (full-width ＳＴＯＰ is STOP), case folding and trimming of spaces and
 * punctuation around it ("Stop." is STOP); a longer message is no keyword. The lists are
 * configurable ({@code drip.keywords.*}).
 */
@ApplicationScoped
public class Keywords {

    /** What a keyword asks for. */
    public enum Action {
        /** stop marketing messages */
        OPT_OUT,
        /** stop every message, transactional ones too */
        OPT_OUT_ALL,
        /** start (again) */
        OPT_IN,
        /** confirm a pending double opt-in ("Reply Y to confirm") */
        CONFIRM,
        HELP
    }

    /** A recognised keyword as normalised, and what it asks for. */
    public record Match(String keyword, Action action) {
    }

    @ConfigProperty(name = "drip.keywords.opt-out")
    List<String> optOut;

    @ConfigProperty(name = "drip.keywords.opt-out-all")
    List<String> optOutAll;

    @ConfigProperty(name = "drip.keywords.opt-in")
    List<String> optIn;

    @ConfigProperty(name = "drip.keywords.confirm")
    List<String> confirm;

    @ConfigProperty(name = "drip.keywords.help")
    List<String> help;

    private Map<String, Action> actions;

    @PostConstruct
    void load() {
        Map<Action, List<String>> lists = new EnumMap<>(Action.class);
        lists.put(Action.OPT_OUT, optOut);
        lists.put(Action.OPT_OUT_ALL, optOutAll);
        lists.put(Action.OPT_IN, optIn);
        lists.put(Action.CONFIRM, confirm);
        lists.put(Action.HELP, help);
        actions = index(lists);
    }

    static Keywords of(Map<Action, List<String>> lists) {
        Keywords keywords = new Keywords();
        keywords.actions = index(lists);
        return keywords;
    }

    private static Map<String, Action> index(Map<Action, List<String>> lists) {
        Map<String, Action> index = new HashMap<>();
        lists.forEach((action, words) -> words.forEach(word -> {
            Action earlier = index.put(normalise(word), action);
            if (earlier != null && earlier != action) {
                throw new IllegalArgumentException("drip.keywords: '" + word + "' is both " + earlier + " and " + action);
            }
        }));
        return Map.copyOf(index);
    }

    public Optional<Match> recognise(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String normalised = normalise(text);
        return Optional.ofNullable(actions.get(normalised)).map(action -> new Match(normalised, action));
    }

    static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC)
                .replaceAll("^[\\p{P}\\p{Z}\\s]+|[\\p{P}\\p{Z}\\s]+$", "")
                .toUpperCase(Locale.ROOT);
    }
}
