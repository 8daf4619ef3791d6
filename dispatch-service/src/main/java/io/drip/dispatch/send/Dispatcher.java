package io.drip.dispatch.send;

import io.drip.dispatch.provider.Accepted;
import io.drip.dispatch.provider.Providers;
import io.drip.dispatch.route.RouteRates;
import io.drip.kit.work.Poller;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends due messages in {@code drip.dispatch.lanes} concurrent lanes per replica, so at most
 * that many provider calls are in flight and a slow provider slows sending, never the Kafka
 * consumer (which only queues). Each message goes through three steps: the attempt is planned
 * and committed ({@link AttemptPlanner}, which takes a slot of the route's rate), the provider
 * is called outside any transaction, and the outcome is recorded ({@link AttemptOutcomes}) as
 * the slot is released. A crash between the call and the last
 * commit leaves the message 'sending', which {@link SendingRecovery} settles.
 */
@ApplicationScoped
public class Dispatcher {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    private static final Duration FAILURE_BACKOFF = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Inject
    Poller poller;

    @Inject
    OutgoingMessages outgoing;

    @Inject
    AttemptPlanner planner;

    @Inject
    AttemptOutcomes outcomes;

    @Inject
    Providers providers;

    @Inject
    RouteRates rates;

    @ConfigProperty(name = "drip.dispatch.lanes")
    int lanes;

    @ConfigProperty(name = "drip.dispatch.poll-interval")
    Duration pollInterval;

    @ConfigProperty(name = "drip.dispatch.batch-size")
    int batchSize;

    void start(@Observes StartupEvent event) {
        for (int lane = 0; lane < lanes; lane++) {
            poller.every("dispatch lane " + lane, pollInterval, () -> drain(batchSize));
        }
    }

    /** Works off due messages until none is left or {@code max} were handled. */
    Uni<Void> drain(int max) {
        if (max == 0) {
            return Uni.createFrom().voidItem();
        }
        return dispatchOne().chain(more -> more ? drain(max - 1) : Uni.createFrom().voidItem());
    }

    /** Handles the most overdue message, if any; false when none was due. */
    Uni<Boolean> dispatchOne() {
        Instant now = Instant.now();
        Outgoing[] claimed = new Outgoing[1];
        return pool.withTransaction(tx -> outgoing.claimNextDue(tx, now).chain(message -> {
                    if (message.isEmpty()) {
                        return Uni.createFrom().item(Optional.<Attempt>empty());
                    }
                    claimed[0] = message.get();
                    return planner.plan(tx, message.get(), now);
                }))
                .onFailure().recoverWithUni(failure -> {
                    if (claimed[0] == null) {
                        LOG.warnf("dispatch: cannot claim due messages: %s", failure.getMessage());
                        return Uni.createFrom().item(Optional.empty());
                    }
                    LOG.errorf(failure, "dispatch: %s failed; retrying in %s", claimed[0].messageId(), FAILURE_BACKOFF);
                    return pool.withTransaction(tx -> outgoing.postpone(tx, claimed[0].messageId(),
                            Instant.now().plus(FAILURE_BACKOFF))).replaceWith(Optional.empty());
                })
                .chain(attempt -> attempt.isEmpty() ? Uni.createFrom().item(claimed[0] != null)
                        : call(attempt.get()).replaceWith(true));
    }

    private Uni<Void> call(Attempt attempt) {
        Outgoing message = attempt.message();
        return providers.submit(attempt.provider(), attempt.submission())
                .onItemOrFailure().transformToUni((Accepted accepted, Throwable failure) -> outcomes
                        .askIfUnknown(attempt, failure).chain(recovery -> pool.withTransaction(tx ->
                                rates.release(tx, attempt.slot()).chain(() -> failure == null
                                        ? outcomes.accepted(tx, attempt, accepted, Instant.now())
                                        : outcomes.failed(tx, attempt, failure, recovery, Instant.now())))))
                .onFailure().invoke(e -> LOG.errorf(e, "dispatch: cannot record the outcome of %s; %s settles it",
                        message.messageId(), SendingRecovery.class.getSimpleName()))
                .onFailure().recoverWithNull();
    }
}
