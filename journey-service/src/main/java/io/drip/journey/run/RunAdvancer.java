package io.drip.journey.run;

import io.drip.contracts.ContactSnapshot;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.engine.ClickHours;
import io.drip.journey.engine.Run;
import io.drip.journey.engine.StepWalker;
import io.drip.journey.run.RunRepository.DueRun;
import io.drip.journey.sendtime.ClickHourStore;
import io.drip.kit.contacts.ContactSnapshots;
import io.drip.kit.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Takes the due steps of a batch of runs the timer claimed, inside the caller's transaction: the
 * journeys and the contacts' snapshots (and, for journeys with {@code best_time} send steps, their
 * click hours) are read for the whole batch, each run is walked by the
 * {@link StepWalker}, and {@link RunWrites} stores the runs' new states, history, message records
 * and outbox records with one statement per table.
 */
@ApplicationScoped
public class RunAdvancer {
    /** How soon a run that waits for its contact's snapshot looks again. */
    static final Duration CONTACT_RETRY = Duration.ofSeconds(1);

    @Inject
    RunJourneys journeys;

    @Inject
    ContactSnapshots contacts;

    @Inject
    StepWalker walker;

    @Inject
    ClickHourStore clickHours;

    @Inject
    Outbox outbox;

    @ConfigProperty(name = "drip.runs.contact-wait")
    Duration contactWait;

    /** Walks the runs; their records continue the traces of the events that started them. */
    public Uni<Void> advance(SqlConnection tx, List<DueRun> due, Instant now) {
        List<Run> runs = due.stream().map(DueRun::run).toList();
        Set<String> contactIds = runs.stream().map(Run::contactId).collect(Collectors.toSet());
        return journeys.versionsOf(runs).chain(versions -> contacts.findAll(tx, contactIds).chain(snapshots ->
                clickHoursOf(tx, runs, versions, snapshots).chain(hours -> {
            RunWrites writes = new RunWrites(now);
            for (DueRun item : due) {
                Run run = item.run();
                JourneyDefinition journey = versions.get(RunJourneys.key(run));
                ContactSnapshot contact = snapshots.get(run.contactId());
                if (journey == null) {
                    writes.ended(run, null, Run.EXITED, "journey_removed");
                } else if (contact == null) {
                    // the snapshot may still be on its way (topics are not ordered with each other)
                    if (now.isAfter(run.enteredAt().plus(contactWait))) {
                        writes.ended(run, null, Run.EXITED, "contact_unknown");
                    } else {
                        writes.due(run, now.plus(CONTACT_RETRY));
                    }
                } else {
                    writes.walked(walker.walk(journey, run, contact, hours.get(run.contactId()), now),
                            item.traceparent());
                }
            }
            return writes.flush(tx, outbox);
        })));
    }

    /** The click hours of the contacts whose runs are in journeys that choose send times. */
    private Uni<Map<String, ClickHours>> clickHoursOf(SqlConnection tx, List<Run> runs,
            Map<String, JourneyDefinition> versions, Map<String, ContactSnapshot> snapshots) {
        return clickHours.read(tx, runs.stream()
                .filter(run -> versions.get(RunJourneys.key(run)) != null
                        && versions.get(RunJourneys.key(run)).choosesSendTimes())
                .map(run -> snapshots.get(run.contactId())).filter(Objects::nonNull).toList());
    }
}
