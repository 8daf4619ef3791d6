package io.drip.journey.definition;

import io.drip.kit.cel.JsonCel;
import java.util.List;
import java.util.Map;

/**
 * A CEL condition over {@code contact}, {@code event}, {@code trigger} (the event that started
 * the run) and {@code reply} (the run's latest answer to a reply wait, empty before one),
 * compiled when the journey is read so that a typo is reported with the file, not discovered at
 * a contact's run.
 */
public final class Condition {
    private static final List<String> VARIABLES = List.of("contact", "event", "trigger", "reply", "webhook");

    private final JsonCel.Condition compiled;

    private Condition(JsonCel.Condition compiled) {
        this.compiled = compiled;
    }

    /** Compiles {@code expression}; a syntax or type error is an {@link IllegalArgumentException}. */
    public static Condition compile(String expression) {
        return new Condition(JsonCel.compile(expression, VARIABLES));
    }

    /** False also when it cannot be evaluated for these values (e.g. a trait the contact lacks). */
    public boolean test(Map<String, Object> variables) {
        return compiled.test(variables);
    }

    public String expression() {
        return compiled.expression();
    }

    /** Does it read the contact (so it cannot be decided before the contact's snapshot is here)? */
    public boolean readsContact() {
        return compiled.reads("contact");
    }
}
