package io.drip.journey.engine;

import io.drip.contracts.SegmentMessage;
import io.drip.journey.definition.Throttle;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * What an event ({@link EventDecider}) or a reply ({@link ReplyDecider}) decided for a contact's
 * runs, in order: the engine stores each change, the simulator prints it.
 */
public sealed interface Change {

    /** A goal event converted the run of the touch. */
    record Converted(Touch touch, String event, Instant at, BigDecimal revenue) implements Change {
    }

    /** An {@code exit_when} event ended the run. */
    record Exited(Run run, String reason, String cause) implements Change {
    }

    /** The event a {@code wait_for} step waited for moved the run on; it is due now. */
    record Resumed(Run moved, String stepId, String cause) implements Change {
        public static Resumed of(Reaction.Resume resume) {
            return new Resumed(resume.moved(), resume.stepId(), resume.cause());
        }
    }

    /**
     * A reply answered the run's reply wait at {@code stepId}: the run, now holding the reply, is
     * due at step {@code ledTo} ({@code (end)}: past the last step).
     */
    record Replied(Run moved, String stepId, String messageId, Reply reply, String ledTo) implements Change {
        /** How the run's history shows it. */
        public String describe() {
            return "\"" + reply.text() + "\" to " + messageId + ": to " + ledTo;
        }
    }

    /** A reply to the run's question that is no answer (HELP): the run waits on. */
    record NotAnswered(Run run, String stepId, Reply reply, String why) implements Change {
    }

    /** The contact was active at {@code at}: its inactivity timer in the journey restarts. */
    record Active(String journeyId, Instant at, Instant dueAt) implements Change {
    }

    /**
     * The contact entered the journey; the run's first steps follow as {@link Walked}, or the timer
     * takes them: at once, at {@code firstStepAt} when an audience round reaches the contact later
     * (its local time), and not before its slot in the journey's queue when the trigger is
     * throttled (the store assigns the slots, in arrival order).
     *
     * @param firstStepAt null: now
     * @param throttle    the trigger's throttle, null when it has none
     */
    record Entered(Run run, SegmentMessage trigger, Instant firstStepAt, Throttle throttle) implements Change {
        public Entered(Run run, SegmentMessage trigger) {
            this(run, trigger, null, null);
        }

        /** When the run takes its first step, its queue aside. */
        public Instant firstStepAt(Instant now) {
            return firstStepAt == null ? now : firstStepAt;
        }
    }

    /** A trigger that did not enter, recorded on the run that stood in its way. */
    record Ignored(ContactRuns.Entry standing, SegmentMessage trigger, String why) implements Change {
    }

    /** The steps a run took at once. */
    record Walked(Walk walk) implements Change {
    }
}
