package io.drip.journey.engine;

import io.drip.journey.definition.WebhookStep;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * A webhook call as the walker decided it, rendered for the contact: stored with the run's new
 * state, then made outside any transaction, as often as its attempts need.
 *
 * @param idempotencyKey sent as {@code Idempotency-Key}: the same on every attempt of this call ({@link #key})
 * @param headers        the step's headers, rendered (Drip adds its own when it calls)
 * @param body           null: none
 * @param timeout        of one attempt; null: the configured default
 */
public record WebhookRequest(String idempotencyKey, String stepId, String method, String url, Map<String, String> headers,
        String body, Duration timeout) {

    /**
     * The key of the call a run makes at a step: derived from the run's id, the step's id and the
     * visit (the run's step count when it got there), so every retry and every replay of the same
     * call carries the same key, and a run that comes back to the step in a loop makes a new call.
     */
    public static String key(UUID runId, String stepId, int visit) {
        return UUID.nameUUIDFromBytes(("webhook:" + runId + ":" + stepId + ":" + visit).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** How the history shows the call: method and URL without its query (which may quote the contact). */
    public String describe() {
        return WebhookStep.describe(method, url);
    }
}
