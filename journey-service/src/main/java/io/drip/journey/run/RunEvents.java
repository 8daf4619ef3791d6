package io.drip.journey.run;

import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.engine.Change;
import io.drip.journey.engine.Reaction;
import io.drip.journey.engine.Run;
import io.drip.journey.run.RunRepository.SentBy;
import io.drip.kit.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Moves on the runs that wait for a click on, or the delivery of, a message they sent
 * ({@link Reaction}), a batch of messages at a time: the runs are read in one round trip and
 * their changes stored by {@link RunWrites}.
 */
@ApplicationScoped
public class RunEvents {

    @Inject
    RunRepository runs;

    @Inject
    RunJourneys journeys;

    @Inject
    Outbox outbox;

    /** Human clicks on these messages, in order. */
    public Uni<Void> onHumanClicks(SqlConnection tx, List<String> messageIds, Instant now) {
        return apply(tx, messageIds, now,
                (journey, sent, messageId) -> Reaction.toClick(journey, sent.run(), sent.stepId(), messageId));
    }

    /** These messages were delivered, in order. */
    public Uni<Void> onDelivered(SqlConnection tx, List<String> messageIds, Instant now) {
        return apply(tx, messageIds, now,
                (journey, sent, messageId) -> Reaction.toDelivery(journey, sent.run(), sent.stepId(), messageId));
    }

    private interface React {
        Optional<Reaction.Resume> to(JourneyDefinition journey, SentBy sent, String messageId);
    }

    private Uni<Void> apply(SqlConnection tx, List<String> messageIds, Instant now, React react) {
        if (messageIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return runs.activeRunsOfMessages(tx, messageIds).chain(sentBy -> journeys
                .versionsOf(sentBy.values().stream().map(SentBy::run).toList()).chain(versions -> {
                    RunWrites writes = new RunWrites(now);
                    for (String messageId : messageIds) {
                        SentBy sent = sentBy.get(messageId);
                        Optional<Run> run = sent == null ? Optional.empty() : writes.current(sent.run());
                        JourneyDefinition journey = run.isEmpty() ? null : versions.get(RunJourneys.key(run.get()));
                        if (journey != null) {
                            react.to(journey, new SentBy(run.get(), sent.stepId()), messageId)
                                    .ifPresent(resume -> writes.apply(run.get().contactId(), Change.Resumed.of(resume), null));
                        }
                    }
                    return writes.flush(tx, outbox);
                }));
    }
}
