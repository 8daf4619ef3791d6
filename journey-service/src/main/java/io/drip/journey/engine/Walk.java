package io.drip.journey.engine;

import io.drip.contracts.SegmentMessage;
import io.drip.contracts.SendCommand;
import io.drip.journey.definition.SplitStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one walk of a run did, in order, for the caller to apply: the engine writes it in one
 * transaction, the simulator prints it.
 */
public final class Walk {

    /** One thing the walk did. */
    public sealed interface Effect {
    }

    /** A line of the run's history. */
    public record Note(String stepId, String what, String detail) implements Effect {
    }

    /** A message to send. */
    public record Send(String stepId, SendCommand command) implements Effect {
        /** The message as the run's history and the simulator show it: its text, an MMS's media and the tags the caps count. */
        public String describe() {
            return command.text() + (command.media() == null ? "" : " [MMS: " + String.join(" ", command.media()) + "]")
                    + (command.tags().isEmpty() ? "" : " (tags " + String.join(", ", command.tags()) + ")");
        }
    }

    /** Traits to set on the contact, as an identify message for contact-service. */
    public record Update(String stepId, SegmentMessage identify) implements Effect {
    }

    /** A webhook call to make; the run waits at its step for the outcome ({@link WebhookOutcome}). */
    public record Call(String stepId, WebhookRequest request) implements Effect {
    }

    private final List<Effect> effects = new ArrayList<>();
    private Run run;
    private Instant nextAt;
    private boolean calling;
    private String endStatus;
    private String endReason;
    private String endStep;

    Walk(Run run) {
        this.run = run;
    }

    void note(String stepId, String what, String detail) {
        effects.add(new Note(stepId, what, detail));
    }

    void add(Effect effect) {
        effects.add(effect);
    }

    void moveTo(Run moved) {
        run = moved;
    }

    void waitUntil(Run waiting, Instant at) {
        run = waiting;
        nextAt = at;
    }

    /** The run waits at its webhook step, with no timer: the call's outcome moves it on. */
    void call(Run waiting, Call call) {
        effects.add(call);
        run = waiting;
        calling = true;
    }

    /** Ends the run at step {@code stepId} (null: past the last step). */
    void end(Run ended, String stepId, String status, String reason) {
        run = ended;
        endStep = stepId;
        endStatus = status;
        endReason = reason;
    }

    public List<Effect> effects() {
        return effects;
    }

    /** The run as it stands after the walk. */
    public Run run() {
        return run;
    }

    /** When the run is due again; null when it ended or waits for a webhook call. */
    public Instant nextAt() {
        return nextAt;
    }

    /** The run waits for the outcome of the webhook call among the effects. */
    public boolean calling() {
        return calling;
    }

    public boolean ended() {
        return endStatus != null;
    }

    /** completed or exited; null while the run goes on. */
    public String endStatus() {
        return endStatus;
    }

    public String endReason() {
        return endReason;
    }

    /** The run ended in the holdout of a split: it gets no message, and converts as the A/B test's baseline. */
    public boolean heldOut() {
        return SplitStep.HOLDOUT.equals(endReason);
    }

    /** The step the run ended at (counted as reached by the stats); null past the last step. */
    public String endStep() {
        return endStep;
    }
}
