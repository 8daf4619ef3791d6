package io.drip.journey.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.drip.contracts.MessageJson;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.definition.WebhookStep;
import io.drip.journey.webhook.RetryPolicy;
import java.time.Instant;

/**
 * What an attempt of a run's webhook call does to the run: the engine stores it, the simulator
 * prints it. The answer moves the run on holding it; a failure is retried with exponential
 * backoff while attempts are left and another attempt may do better; then the run goes to the
 * step's {@code on_failure}, else exits with reason {@link #FAILED}.
 */
public sealed interface WebhookOutcome {
    String FAILED = "webhook_failed";

    /** The step the call belongs to. */
    String stepId();

    /** How the run's history shows it. */
    String detail();

    /** The answer came: the run, holding it as {@code webhook.<name>}, goes on at the next step, due now. */
    record Answered(Run moved, String stepId, String detail) implements WebhookOutcome {
    }

    /** The attempt failed; the next one is due {@code at}, the run waits on. */
    record Retry(Run run, String stepId, Instant at, String detail) implements WebhookOutcome {
    }

    /** The call failed for good: the run goes to {@code moved} (on_failure), due now, or exits when it is null. */
    record GaveUp(Run run, String stepId, String detail, Run moved) implements WebhookOutcome {
    }

    /**
     * What attempt {@code attempt} (1 for the first) of the call of the run's webhook step, which
     * got {@code result}, does to the run.
     */
    static WebhookOutcome of(JourneyDefinition journey, Run run, WebhookResult result, int attempt, RetryPolicy policy,
            Instant now) {
        if (!(journey.step(run.stepIndex()) instanceof WebhookStep step)) {
            throw new IllegalStateException("run " + run.id() + " is not at a webhook step");
        }
        int attempts = policy.attempts(step.retries());
        String tried = "attempt " + attempt + " of " + attempts + ": ";
        if (result instanceof WebhookResult.Answered answered) {
            if (step.name() == null) {
                return new Answered(run.movedTo(journey.following(run.stepIndex()), run.variant()), step.id(),
                        tried + answered.describe());
            }
            JsonNode answer;
            try {
                answer = answered.body().isBlank() ? MessageJson.mapper().createObjectNode()
                        : MessageJson.mapper().readTree(answered.body());
            } catch (JsonProcessingException e) {
                return gaveUp(journey, run, step, tried + answered.describe() + ", but the answer is not JSON");
            }
            return new Answered(run.withWebhookAnswer(step.name(), answer).movedTo(journey.following(run.stepIndex()),
                    run.variant()), step.id(), tried + answered.describe() + ", kept as webhook." + step.name());
        }
        if (!(result instanceof WebhookResult.Failed failed)) {
            throw new IllegalArgumentException("unknown webhook result " + result);
        }
        if (failed.retryable() && attempt < attempts) {
            Instant at = now.plus(policy.delayAfter(attempt));
            return new Retry(run, step.id(), at, tried + failed.describe() + "; again at " + at);
        }
        return gaveUp(journey, run, step, tried + failed.describe());
    }

    /** The call failed for good (or could not be made): on to {@code on_failure}, else the run exits. */
    static GaveUp gaveUp(JourneyDefinition journey, Run run, WebhookStep step, String detail) {
        Run moved = step.onFailure() == null ? null : run.movedTo(journey.indexOf(step.onFailure()), run.variant());
        return new GaveUp(run, step.id(), detail + (moved == null ? "; the run exits" : "; on to " + step.onFailure()),
                moved);
    }
}
