package io.drip.journey.engine;

import io.drip.contracts.ContactSnapshot;
import io.drip.journey.definition.BranchStep;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.definition.JourneyOutline;
import io.drip.journey.definition.WaitForStep;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides what an SMS from a contact does to its runs. It concerns at most one run: of the
 * contact's runs waiting for a reply ({@code wait_for: {reply_to: <send step>}}), the one whose
 * awaited message (the latest of that send step in the run) is the latest message the contact
 * got, because that is the question the person saw last. An opt-out ends that run (the consent
 * change is contact-service's and dispatch's, as for any STOP); HELP leaves it waiting (the
 * contact gets the help text); anything else answers it: the run goes to the first answer whose
 * condition holds, else on, with the reply kept for its later texts and conditions. Nothing is
 * stored here: the engine stores the {@link Change}, the simulator prints it.
 */
public final class ReplyDecider {
    /** The exit reason of a run whose question was answered with an opt-out. */
    public static final String OPTED_OUT = "opted_out";

    /** The messages runs sent, as the caller knows them. */
    public interface Messages {
        /** The latest message the run sent from that step, if any. */
        Optional<Sent> lastOf(Run run, String stepId);
    }

    /** A message a run sent, and when. */
    public record Sent(String messageId, Instant at) {
    }

    private ReplyDecider() {
    }

    /**
     * What the reply does, if anything (no run waits for one: nothing); {@code runs} is updated
     * as decided, so a later reply in the same batch sees what this one did.
     *
     * @param journeys the version each run is on; empty when it is gone
     * @param contact  the contact's snapshot, for answers whose conditions read it (null: unknown)
     */
    public static Optional<Change> onReply(ContactRuns runs, Function<Run, Optional<JourneyDefinition>> journeys,
            Messages messages, Reply reply, ContactSnapshot contact) {
        Awaiting answered = null;
        for (Run run : runs.active()) {
            Optional<Awaiting> awaiting = journeys.apply(run).flatMap(journey -> awaiting(journey, run, messages));
            if (awaiting.isPresent() && (answered == null || awaiting.get().sent().at().isAfter(answered.sent().at()))) {
                answered = awaiting.get();
            }
        }
        if (answered == null) {
            return Optional.empty();
        }
        Run run = answered.run();
        if (reply.optsOut()) {
            runs.ended(run);
            return Optional.of(new Change.Exited(run, OPTED_OUT, "reply " + reply.keyword()
                    + " to " + answered.sent().messageId() + ": an opt-out, not an answer"));
        }
        if (!reply.answers()) {
            return Optional.of(new Change.NotAnswered(run, answered.step().id(), reply,
                    reply.keyword() + " asks for help: not an answer, still waiting"));
        }
        Run withReply = run.answered(reply.json());
        JourneyDefinition journey = answered.journey();
        int target = BranchStep.Case.firstHolding(answered.step().answers(), Variables.of(journey, withReply, contact))
                .map(answer -> journey.indexOf(answer.target()))
                .orElse(journey.following(run.stepIndex()));
        Run moved = withReply.movedTo(target, run.variant());
        runs.moved(moved);
        return Optional.of(new Change.Replied(moved, answered.step().id(), answered.sent().messageId(), reply,
                journey.step(target) == null ? JourneyOutline.END : journey.step(target).id()));
    }

    /** A run waiting for a reply to a message it sent. */
    private record Awaiting(Run run, JourneyDefinition journey, WaitForStep step, Sent sent) {
    }

    private static Optional<Awaiting> awaiting(JourneyDefinition journey, Run run, Messages messages) {
        if (run.waiting() && journey.step(run.stepIndex()) instanceof WaitForStep step && step.waitsForReply()) {
            return messages.lastOf(run, step.replyStep()).map(sent -> new Awaiting(run, journey, step, sent));
        }
        return Optional.empty();
    }
}
