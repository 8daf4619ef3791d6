package io.drip.journey.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.drip.journey.definition.Goal;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.definition.Throttle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides what a track event does to a contact's runs, in the order of docs/journeys.md: it
 * converts a run whose goal it is, it ends or moves on the runs in flight ({@code exit_when},
 * {@code wait_for}), it restarts inactivity timers, and it enters the journeys it triggers
 * (trigger condition, one active run per key, re-entry policy), whose first steps are walked at
 * once. Nothing is stored here: the engine writes the {@link Change}s of a whole batch together,
 * the simulator prints them; both call this class, so they cannot disagree.
 */
@ApplicationScoped
public class EventDecider {

    /** The journeys an event may concern, as the caller knows them. */
    public interface Journeys {
        /** Journeys whose goal is this event. */
        List<JourneyDefinition> withGoal(String event);

        /** Active journeys this event triggers (their condition is checked here). */
        List<JourneyDefinition> triggeredBy(String event);

        /** Active journeys with an inactivity trigger. */
        List<JourneyDefinition> inactivity();

        /** The version a run is on; empty when it is gone. */
        Optional<JourneyDefinition> of(Run run);
    }

    private final StepWalker walker;

    @Inject
    public EventDecider(StepWalker walker) {
        this.walker = walker;
    }

    /**
     * What a track event does, in order.
     *
     * @param contact the contact's snapshot, null when it has not arrived (no step is walked then)
     */
    public List<Change> onEvent(Journeys journeys, ContactRuns runs, SegmentMessage event, ContactSnapshot contact,
            Instant now) {
        ObjectNode json = MessageJson.mapper().valueToTree(event);
        Instant at = event.timestamp() != null ? event.timestamp() : now;
        List<Change> changes = new ArrayList<>();
        for (JourneyDefinition journey : journeys.withGoal(event.event())) {
            convert(journey, runs, event, json, at).ifPresent(changes::add);
        }
        for (Run run : runs.active()) {
            journeys.of(run).flatMap(journey -> Reaction.toEvent(journey, run, event.event(), json, contact))
                    .ifPresent(reaction -> changes.add(react(runs, run, reaction)));
        }
        for (JourneyDefinition journey : journeys.inactivity()) {
            changes.add(new Change.Active(journey.id(), at, at.plus(journey.trigger().inactiveFor())));
        }
        for (JourneyDefinition journey : journeys.triggeredBy(event.event())) {
            if (journey.trigger().firedBy(event.event(), Variables.of(journey, journey.version(), contact, json))) {
                changes.addAll(enter(journey, runs, event, json, contact, now, now));
            }
        }
        return changes;
    }

    /** An inactivity timer came due: the contact enters if the trigger's condition holds. */
    public List<Change> onInactive(JourneyDefinition journey, ContactRuns runs, SegmentMessage trigger,
            ContactSnapshot contact, Instant now) {
        ObjectNode json = MessageJson.mapper().valueToTree(trigger);
        return journey.trigger().holds(Variables.of(journey, journey.version(), contact, json))
                ? enter(journey, runs, trigger, json, contact, now, now) : List.of();
    }

    /**
     * A round of the journey's audience reached a member: it enters if the trigger's condition
     * holds, as any trigger enters (one active run, re-entry policy); its first step is taken at
     * {@code firstStepAt} ({@link AudienceRound#firstStepAt}: the round's time in the contact's zone, plus
     * its share of the spread), at once when that has come; with a throttle, not before its slot either.
     *
     * @param contact the member's snapshot, null when it has not arrived (the timer then waits for it,
     *                as for a triggering event)
     */
    public List<Change> onAudience(JourneyDefinition journey, ContactRuns runs, SegmentMessage trigger,
            ContactSnapshot contact, Instant now, Instant firstStepAt) {
        ObjectNode json = MessageJson.mapper().valueToTree(trigger);
        return journey.trigger().holds(Variables.of(journey, journey.version(), contact, json))
                ? enter(journey, runs, trigger, json, contact, now, firstStepAt) : List.of();
    }

    private static Optional<Change> convert(JourneyDefinition journey, ContactRuns runs, SegmentMessage event,
            ObjectNode json, Instant at) {
        Goal goal = journey.goal();
        Optional<Touch> last = runs.lastTouch(journey.id());
        if (last.isEmpty() || !goal.converts(last.get().touched(), at)) {
            return Optional.empty();
        }
        runs.converted(last.get().runId());
        return Optional.of(new Change.Converted(last.get(), event.event(), at, goal.revenueOf(json).orElse(null)));
    }

    private static Change react(ContactRuns runs, Run run, Reaction reaction) {
        if (reaction instanceof Reaction.Exit exit) {
            runs.ended(run);
            return new Change.Exited(run, exit.reason(), exit.cause());
        }
        if (reaction instanceof Reaction.Resume resume) {
            runs.moved(resume.moved());
            return Change.Resumed.of(resume);
        }
        throw new IllegalArgumentException("unknown reaction " + reaction);
    }

    private List<Change> enter(JourneyDefinition journey, ContactRuns runs, SegmentMessage trigger, ObjectNode json,
            ContactSnapshot contact, Instant now, Instant firstStepAt) {
        String key = journey.trigger().runKey(json);
        Optional<Run> standing = runs.activeIn(journey.id(), key);
        if (standing.isPresent()) {
            return List.of(new Change.Ignored(new ContactRuns.Entry(standing.get().id(), standing.get().enteredAt()),
                    trigger, "already in the journey"));
        }
        Optional<ContactRuns.Entry> last = runs.lastEntered(journey.id(), key);
        if (last.isPresent() && !journey.reentry().allows(last.get().at(), now)) {
            return List.of(new Change.Ignored(last.get(), trigger, "re-entry " + journey.reentry().describe()));
        }
        Run run = new Run(runs.newRunId(), journey.id(), journey.version(), runs.contactId(), key, 0, null, 0, false,
                json, now, null, null);
        runs.addActive(run);
        Throttle throttle = journey.trigger().throttle();
        if (firstStepAt.isAfter(now) || throttle != null) {
            // the timer takes the first step then, or when its slot in the queue comes
            return List.of(new Change.Entered(run, trigger, firstStepAt.isAfter(now) ? firstStepAt : null, throttle));
        }
        Change entered = new Change.Entered(run, trigger);
        if (contact == null) {
            return List.of(entered); // the timer walks it once the snapshot is there, or gives up
        }
        Walk walk;
        try {
            walk = walker.walk(journey, run, contact, now);
        } catch (RuntimeException failure) {
            return List.of(entered); // left due: the timer logs the failure and retries it like any other
        }
        runs.walked(walk, now);
        return List.of(entered, new Change.Walked(walk));
    }
}
