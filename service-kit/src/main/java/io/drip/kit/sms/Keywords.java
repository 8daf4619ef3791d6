package io.drip.kit.sms;

import io.drip.contracts.InboundSms.Action;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.inject.Singleton;
import java.text.Normalizer;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Drip's one definition of an SMS keyword. dispatch-service recognises it where the SMS arrives
 * and puts it on {@code drip.inbound.v1} ({@code keyword}, {@code action}); contact-service and
 * journey-service act on the record and never recognise the text again, so they cannot disagree.
 * (journey-service's simulator, which has no dispatch, recognises a simulated reply here.)
 *
 * <p>Text is compared after Unicode NFKC normalisation (full-width ＳＴＯＰ is STOP), upper-casing
 * and trimming of spaces and punctuation ("Stop." is STOP, "退订。" is 退订). A keyword is the
 * whole message; an opt-out keyword also counts as the first word of a longer one ("STOP
 * please"), because a missed opt-out is a breach while an extra one costs one subscriber. A
 * single letter ("T") counts only alone, and opt-ins, confirmations and HELP only as the whole
 * message, so "Yes I'll come" subscribes no one.
 */
@Singleton
public class Keywords {

    /** {@code drip.keywords.*}: the words of each action, comma-separated. */
    @ConfigMapping(prefix = "drip.keywords")
    public interface Config {
        @WithDefault("STOP,UNSUBSCRIBE,CANCEL,END,QUIT,TD,T,退订,取消")
        List<String> optOut();

        @WithDefault("STOPALL")
        List<String> optOutAll();

        @WithDefault("START,UNSTOP,YES")
        List<String> optIn();

        @WithDefault("Y")
        List<String> confirm();

        @WithDefault("HELP,INFO")
        List<String> help();
    }

    /** A recognised keyword as normalised, and what it asks for. */
    public record Match(String keyword, Action action) {
    }

    private final Map<String, Action> actions;

    public Keywords(Config config) {
        Map<Action, List<String>> lists = new EnumMap<>(Action.class);
        lists.put(Action.OPT_OUT, config.optOut());
        lists.put(Action.OPT_OUT_ALL, config.optOutAll());
        lists.put(Action.OPT_IN, config.optIn());
        lists.put(Action.CONFIRM, config.confirm());
        lists.put(Action.HELP, config.help());
        Map<String, Action> index = new HashMap<>();
        lists.forEach((action, words) -> words.forEach(word -> {
            Action earlier = index.put(normalise(word), action);
            if (earlier != null && earlier != action) {
                throw new IllegalArgumentException("drip.keywords: '" + word + "' is both " + earlier + " and " + action);
            }
        }));
        actions = Map.copyOf(index);
    }

    public Optional<Match> recognise(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String whole = normalise(text);
        Action action = actions.get(whole);
        if (action != null) {
            return Optional.of(new Match(whole, action));
        }
        String first = firstWord(whole);
        Action leading = actions.get(first);
        boolean optOut = leading == Action.OPT_OUT || leading == Action.OPT_OUT_ALL;
        return optOut && first.codePointCount(0, first.length()) > 1 ? Optional.of(new Match(first, leading)) : Optional.empty();
    }

    /**
     * The first word of a text, normalised as keywords are ("Dresses!" is DRESSES, "1." is 1,
     * "２ please" is 2): what a journey branches on when it asks for a one-word answer.
     */
    public static String firstWord(String text) {
        return text == null ? "" : normalise(normalise(text).split("[\\p{Z}\\s]+", 2)[0]);
    }

    static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC)
                .replaceAll("^[\\p{P}\\p{Z}\\s]+|[\\p{P}\\p{Z}\\s]+$", "")
                .toUpperCase(Locale.ROOT);
    }
}
