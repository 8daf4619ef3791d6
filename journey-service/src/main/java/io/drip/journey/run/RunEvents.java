package io.drip.journey.run;

import io.drip.journey.definition.JourneyCatalog;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.definition.WaitForStep;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * What a contact's events and clicks do to the runs it is in: an {@code exit_when} event ends
 * the run, and the event or click a {@code wait_for} step waits for moves the run on at once.
 */
@ApplicationScoped
public class RunEvents {
    public static final String EXIT_WHEN = "exit_when";

    @Inject
    RunRepository runs;

    @Inject
    JourneyCatalog catalog;

    @Inject
    RunHistory history;

    public Uni<Void> onEvent(SqlConnection tx, String contactId, String event, Instant now) {
        return runs.activeRuns(tx, contactId).chain(active -> Multi.createFrom().iterable(active)
                .onItem().transformToUniAndConcatenate(run -> {
                    JourneyDefinition journey = catalog.find(run.journeyId()).orElse(null);
                    if (journey != null && journey.exitWhen().contains(event)) {
                        return runs.end(tx, run, RunRepository.EXITED, EXIT_WHEN, now);
                    }
                    return resumeIfWaitingFor(tx, journey, run, step -> step.waitsForEvent(event), "event " + event, now);
                })
                .collect().asList().replaceWithVoid());
    }

    /** A human click on a message: moves on the run that sent it if it waits for that click. */
    public Uni<Void> onHumanClick(SqlConnection tx, String messageId, String stepId, Instant now) {
        return runs.activeRunOfMessage(tx, messageId).chain(run -> run.isEmpty() ? Uni.createFrom().voidItem()
                : resumeIfWaitingFor(tx, catalog.find(run.get().journeyId()).orElse(null), run.get(),
                        step -> step.waitsForClickOn(stepId), "click on " + messageId, now));
    }

    private Uni<Void> resumeIfWaitingFor(SqlConnection tx, JourneyDefinition journey, Run run,
            Predicate<WaitForStep> awaited, String cause, Instant now) {
        if (journey != null && run.waiting() && journey.step(run.stepIndex()) instanceof WaitForStep step
                && awaited.test(step)) {
            // due now: the scheduler takes the next steps within its poll interval
            return runs.save(tx, run.movedTo(journey.following(run.stepIndex()), run.variant()), now)
                    .chain(() -> history.add(tx, run.id(), now, step.id(), "resumed", "by " + cause));
        }
        return Uni.createFrom().voidItem();
    }
}
