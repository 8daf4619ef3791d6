package io.drip.journey.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/**
 * One contact's way through one journey version.
 *
 * @param runKey     the value of the trigger's key in the entering event ("" when the journey has none)
 * @param variant    the A/B variant assigned by a split, null before any
 * @param stepsTaken how many steps the run has taken so far
 * @param waiting    the run sits at a wait_for step, waiting for what it names, or at a best_time send step,
 *                   waiting for the hour chosen
 * @param reply      the run's latest answer to a reply wait ({@link Reply#json}), null before one
 * @param webhooks   the answers of its webhook steps by name ({@code webhook.<name>}), null before one
 */
public record Run(UUID id, String journeyId, int journeyVersion, String contactId, String runKey, int stepIndex,
        String variant, int stepsTaken, boolean waiting, ObjectNode triggerEvent, Instant enteredAt, ObjectNode reply,
        ObjectNode webhooks) {
    public static final String ACTIVE = "active";
    public static final String COMPLETED = "completed";
    public static final String EXITED = "exited";

    /** The run after taking one more step, now at {@code index} in the variant it is in. */
    public Run movedTo(int index, String inVariant) {
        return new Run(id, journeyId, journeyVersion, contactId, runKey, index, inVariant, stepsTaken + 1, false,
                triggerEvent, enteredAt, reply, webhooks);
    }

    /** The run, still at its wait_for (or best_time send) step, now waiting. */
    public Run waitingHere() {
        return new Run(id, journeyId, journeyVersion, contactId, runKey, stepIndex, variant, stepsTaken, true,
                triggerEvent, enteredAt, reply, webhooks);
    }

    /** The run with {@code answer} as its reply, for the steps after it. */
    public Run answered(ObjectNode answer) {
        return new Run(id, journeyId, journeyVersion, contactId, runKey, stepIndex, variant, stepsTaken, waiting,
                triggerEvent, enteredAt, answer, webhooks);
    }

    /** The run with the answer of a webhook kept as {@code webhook.<name>}, for the steps after it. */
    public Run withWebhookAnswer(String name, JsonNode answer) {
        ObjectNode answers = webhooks == null ? JsonNodeFactory.instance.objectNode() : webhooks.deepCopy();
        answers.set(name, answer);
        return new Run(id, journeyId, journeyVersion, contactId, runKey, stepIndex, variant, stepsTaken, waiting,
                triggerEvent, enteredAt, reply, answers);
    }
}
