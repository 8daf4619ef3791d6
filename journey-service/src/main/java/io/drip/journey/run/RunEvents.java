package io.drip.journey.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.drip.contracts.ContactSnapshot;
import io.drip.journey.definition.JourneyCatalog;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.engine.Reaction;
import io.drip.journey.engine.Run;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;

/** Applies the {@link Reaction}s of a contact's runs to its events, clicks and deliveries. */
@ApplicationScoped
public class RunEvents {

    @Inject
    RunRepository runs;

    @Inject
    JourneyCatalog catalog;

    @Inject
    RunHistory history;

    public Uni<Void> onEvent(SqlConnection tx, String contactId, String eventName, JsonNode event, ContactSnapshot contact,
            Instant now) {
        return runs.activeRuns(tx, contactId).chain(active -> Multi.createFrom().iterable(active)
                .onItem().transformToUniAndConcatenate(run -> apply(tx, run,
                        (journey, r) -> Reaction.toEvent(journey, r, eventName, event, contact), now))
                .collect().asList().replaceWithVoid());
    }

    /** A human click on a message: moves on the run that sent it if it waits for that click. */
    public Uni<Void> onHumanClick(SqlConnection tx, String messageId, Instant now) {
        return runs.activeRunOfMessage(tx, messageId).chain(sent -> sent.isEmpty() ? Uni.createFrom().voidItem()
                : apply(tx, sent.get().run(),
                        (journey, run) -> Reaction.toClick(journey, run, sent.get().stepId(), messageId), now));
    }

    /** A message was delivered: moves on the run that sent it if it waits for that delivery. */
    public Uni<Void> onDelivered(SqlConnection tx, String messageId, Instant now) {
        return runs.activeRunOfMessage(tx, messageId).chain(sent -> sent.isEmpty() ? Uni.createFrom().voidItem()
                : apply(tx, sent.get().run(),
                        (journey, run) -> Reaction.toDelivery(journey, run, sent.get().stepId(), messageId), now));
    }

    private Uni<Void> apply(SqlConnection tx, Run run,
            BiFunction<JourneyDefinition, Run, Optional<Reaction>> react, Instant now) {
        return catalog.findOrLoad(run.journeyId(), run.journeyVersion()).chain(journey -> journey.isEmpty()
                ? Uni.createFrom().voidItem()
                : store(tx, run, react.apply(journey.get(), run).orElse(null), now));
    }

    private Uni<Void> store(SqlConnection tx, Run run, Reaction reaction, Instant now) {
        if (reaction instanceof Reaction.Exit exit) {
            return history.add(tx, run.id(), now, null, "exit_event", exit.cause())
                    .chain(() -> runs.end(tx, run, null, Run.EXITED, exit.reason(), now));
        }
        if (reaction instanceof Reaction.Resume resume) {
            // due now: the scheduler takes the next steps within its poll interval
            return runs.save(tx, resume.moved(), now)
                    .chain(() -> history.add(tx, run.id(), now, resume.stepId(), "resumed", "by " + resume.cause()));
        }
        return Uni.createFrom().voidItem();
    }
}
