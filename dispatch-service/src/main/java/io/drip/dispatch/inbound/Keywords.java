package io.drip.dispatch.inbound;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises the keyword of an inbound SMS (STOP, TD, 退订, START, HELP...): the whole message,
 * or its first word, without surrounding punctuation and case. contact-service decides what a
 * keyword does to consent.
 */
public final class Keywords {
    private static final Set<String> KNOWN = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "TD",
            "退订", "START", "UNSTOP", "YES", "HELP", "INFO");

    private Keywords() {
    }

    public static Optional<String> of(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String whole = clean(text);
        if (KNOWN.contains(whole)) {
            return Optional.of(whole);
        }
        String first = clean(whole.split("\\s+", 2)[0]);
        return KNOWN.contains(first) ? Optional.of(first) : Optional.empty();
    }

    private static String clean(String s) {
        return s.strip().replaceAll("^[\\p{Punct}\\p{IsPunctuation}]+|[\\p{Punct}\\p{IsPunctuation}]+$", "")
                .toUpperCase(Locale.ROOT);
    }
}
