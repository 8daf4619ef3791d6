package io.drip.journey.run;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.Topics;
import io.drip.journey.definition.JourneyCatalog;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.engine.Run;
import io.drip.journey.engine.StepWalker;
import io.drip.journey.engine.Walk;
import io.drip.journey.stats.MessageLog;
import io.drip.kit.contacts.ContactSnapshots;
import io.drip.kit.outbox.Outbox;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Moves one run forward with the {@link StepWalker} and stores what it did inside the caller's
 * transaction: the run's new state, its history, its message records and the send commands and
 * trait updates in the outbox commit together.
 */
@ApplicationScoped
public class RunAdvancer {
    /** How soon a run that waits for its contact's snapshot looks again. */
    static final Duration CONTACT_RETRY = Duration.ofSeconds(1);

    @Inject
    JourneyCatalog catalog;

    @Inject
    ContactSnapshots contacts;

    @Inject
    RunRepository runs;

    @Inject
    StepWalker walker;

    @Inject
    MessageLog messages;

    @Inject
    Outbox outbox;

    @Inject
    RunHistory history;

    @ConfigProperty(name = "drip.runs.contact-wait")
    Duration contactWait;

    /** Takes the run's due steps; their records continue the given trace (null: the current one). */
    public Uni<Void> advance(SqlConnection tx, Run run, String traceparent, Instant now) {
        return catalog.findOrLoad(run.journeyId(), run.journeyVersion()).chain(journey -> journey.isEmpty()
                ? runs.end(tx, run, null, Run.EXITED, "journey_removed", now)
                : contacts.find(tx, run.contactId())
                        .chain(contact -> advance(tx, journey.get(), run, contact.orElse(null), traceparent, now)));
    }

    /**
     * Takes the first steps of a run just entered, with the contact the caller has read. A walk
     * that fails (a journey that loops without waiting) leaves the run due, to the timer, which
     * logs the failure and retries it like any other, instead of failing the whole entering batch.
     */
    public Uni<Void> advanceEntered(SqlConnection tx, JourneyDefinition journey, Run run, ContactSnapshot contact,
            String traceparent, Instant now) {
        if (contact == null) {
            return advance(tx, journey, run, null, traceparent, now);
        }
        Walk walk;
        try {
            walk = walker.walk(journey, run, contact, now);
        } catch (RuntimeException failure) {
            return Uni.createFrom().voidItem();
        }
        return store(tx, walk, traceparent, now);
    }

    private Uni<Void> advance(SqlConnection tx, JourneyDefinition journey, Run run, ContactSnapshot contact,
            String traceparent, Instant now) {
        if (contact == null) {
            // the snapshot may still be on its way (topics are not ordered with each other)
            return now.isAfter(run.enteredAt().plus(contactWait))
                    ? runs.end(tx, run, null, Run.EXITED, "contact_unknown", now)
                    : runs.save(tx, run, now.plus(CONTACT_RETRY));
        }
        return store(tx, walker.walk(journey, run, contact, now), traceparent, now);
    }

    private Uni<Void> store(SqlConnection tx, Walk walk, String traceparent, Instant now) {
        Run run = walk.run();
        Uni<Void> effects = Multi.createFrom().iterable(walk.effects())
                .onItem().transformToUniAndConcatenate(effect -> store(tx, run, effect, traceparent, now))
                .collect().asList().replaceWithVoid();
        return effects.chain(() -> walk.ended() ? runs.end(tx, run, walk.endStep(), walk.endStatus(), walk.endReason(), now)
                : runs.save(tx, run, walk.nextAt()));
    }

    private Uni<Void> store(SqlConnection tx, Run run, Walk.Effect effect, String traceparent, Instant now) {
        if (effect instanceof Walk.Note note) {
            return history.add(tx, run.id(), now, note.stepId(), note.what(), note.detail());
        }
        if (effect instanceof Walk.Send send) {
            return messages.record(tx, run.id(), send.command())
                    .chain(() -> outbox.add(tx, Topics.SENDS, run.contactId(), send.command(), traceparent));
        }
        return outbox.add(tx, Topics.EVENTS, run.contactId(), ((Walk.Update) effect).identify(), traceparent);
    }
}
