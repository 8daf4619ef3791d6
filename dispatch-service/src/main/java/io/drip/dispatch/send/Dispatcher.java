package io.drip.dispatch.send;

import io.drip.dispatch.provider.Providers;
import io.drip.kit.clock.DatabaseClock;
import io.drip.kit.consume.InOrder;
import io.drip.kit.consume.TransientFailures;
import io.drip.kit.work.GroupCommit;
import io.drip.kit.work.Poller;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends due messages with at most {@code drip.dispatch.lanes} provider calls in flight per
 * replica, so a slow provider slows sending, never the Kafka consumer (which only queues). It
 * works in batches: as many due messages as there are free lanes (up to
 * {@code drip.dispatch.batch-size}) are claimed and planned in one transaction
 * ({@link AttemptPlanner}, which takes the slots of their routes' rates); their providers are
 * called outside any transaction, concurrently; the outcomes of the calls that have ended are
 * recorded together in one transaction ({@link AttemptOutcomes}, a {@link GroupCommit}) as their slots are released,
 * and the lanes they free are filled again at once. A crash between a call and the commit of its
 * outcome leaves the message 'sending', which {@link SendingRecovery} settles. It is not a
 * {@code DueWork} queue because that handles an item inside the transaction that claimed it,
 * and a provider call must run outside any transaction, concurrently with the batch's others.
 */
@ApplicationScoped
public class Dispatcher {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    private static final Duration FAILURE_BACKOFF = Duration.ofSeconds(30);
    private static final Duration RECORDING_STUCK_AFTER = Duration.ofMinutes(1);

    @Inject
    DatabaseClock clock;

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

    @ConfigProperty(name = "drip.dispatch.lanes")
    int lanes;

    @ConfigProperty(name = "drip.dispatch.poll-interval")
    Duration pollInterval;

    @ConfigProperty(name = "drip.dispatch.batch-size")
    int batchSize;

    /** Calls started whose outcome is not recorded yet. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean claiming = new AtomicBoolean();
    /** Calls that ended, their outcomes recorded a group at a time; lanes bound a group. */
    private final GroupCommit<Called, Void> recordings = new GroupCommit<>(Integer.MAX_VALUE, this::recordAll);

    /** One planned batch: how many messages were claimed, and the attempts to make now. */
    private record Batch(int claimed, List<Attempt> attempts) {
        static final Batch NONE = new Batch(0, List.of());
    }

    void start(@Observes StartupEvent event) {
        poller.every("dispatch", pollInterval, this::fillLanes);
    }

    /** Claims and starts due messages while lanes are free and messages are due; one claimer at a time. */
    Uni<Void> fillLanes() {
        if (!claiming.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        // on termination, not eventually: the poller cancels a claim that hangs, and the flag must drop then too
        return claimWhileFree().onTermination().invoke(() -> claiming.set(false));
    }

    private Uni<Void> claimWhileFree() {
        int room = Math.min(batchSize, lanes - inFlight.get());
        if (room <= 0) {
            return Uni.createFrom().voidItem();
        }
        return plan(room).chain(batch -> {
            batch.attempts().forEach(this::call);
            return batch.claimed() == room ? claimWhileFree() : Uni.createFrom().voidItem();
        });
    }

    private Uni<Batch> plan(int room) {
        List<Outgoing> claimed = new ArrayList<>();
        return pool.withTransaction(tx -> clock.now(tx).chain(now -> outgoing.claimDue(tx, now, room).chain(messages -> {
                    claimed.addAll(messages);
                    return planner.planAll(tx, messages, now).map(attempts -> new Batch(messages.size(), attempts));
                })))
                .onFailure().recoverWithUni(failure -> {
                    if (claimed.isEmpty() || TransientFailures.isTransient(failure)) {
                        LOG.warnf("dispatch: cannot plan due messages now: %s", failure.getMessage());
                        return Uni.createFrom().item(Batch.NONE);
                    }
                    LOG.warnf("dispatch: a batch of %d failed (%s); planning each alone", claimed.size(), failure.getMessage());
                    return planEachAlone(claimed);
                });
    }

    /** Plans messages one per transaction, so one that cannot be planned is put back alone. */
    private Uni<Batch> planEachAlone(List<Outgoing> messages) {
        List<Attempt> attempts = new ArrayList<>();
        return InOrder.each(messages, message -> {
            return pool.withTransaction(tx -> clock.now(tx).chain(now -> outgoing.claimPending(tx, message.messageId())
                            .chain(claimed -> planner.planAll(tx, claimed, now))))
                    .invoke(attempts::addAll)
                    .onFailure().recoverWithUni(failure -> {
                        LOG.errorf(failure, "dispatch: %s failed; retrying in %s", message.messageId(), FAILURE_BACKOFF);
                        return pool.withTransaction(tx -> clock.now(tx).chain(now -> outgoing.postponeAll(tx,
                                List.of(message), List.of(now.plus(FAILURE_BACKOFF))))).replaceWith(List.of());
                    })
                    .replaceWithVoid();
        }).map(done -> new Batch(0, attempts));
    }

    /** Starts the provider call of an attempt; its outcome is recorded when it ends. */
    private void call(Attempt attempt) {
        inFlight.incrementAndGet();
        providers.submit(attempt.provider(), attempt.submission())
                .onItemOrFailure().transformToUni((accepted, failure) -> failure == null
                        ? Uni.createFrom().item((Called) new Called.Taken(attempt, accepted))
                        : outcomes.askIfUnknown(attempt, failure).map(recovery -> new Called.Refused(attempt, failure, recovery)))
                .chain(recordings::submit)
                .subscribe().with(recorded -> {
                }, failure -> {
                    // the provider could not tell what became of a call that timed out
                    LOG.errorf(failure, "dispatch: the outcome of %s is unknown; %s settles it",
                            attempt.message().messageId(), SendingRecovery.class.getSimpleName());
                    freeLanes(1);
                });
    }

    /**
     * Records the outcomes of a group of calls that have ended, in one transaction (each alone if
     * the group fails); then frees their lanes and fills them again.
     */
    private Uni<List<Void>> recordAll(List<Called> group) {
        return pool.withTransaction(tx -> clock.now(tx).chain(now -> outcomes.recordAll(tx, group, now)))
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("dispatch: cannot record %d outcomes together (%s); recording each alone", group.size(),
                            failure.getMessage());
                    return InOrder.each(group, called -> pool.withTransaction(tx -> clock.now(tx)
                                    .chain(now -> outcomes.recordAll(tx, List.of(called), now)))
                            .onFailure().invoke(e -> LOG.errorf(e, "dispatch: cannot record the outcome of %s; %s settles it",
                                    called.attempt().message().messageId(), SendingRecovery.class.getSimpleName()))
                            .onFailure().recoverWithNull());
                })
                // a recording that hangs (a connection cut mid-transaction) would hold its lanes for good
                .ifNoItem().after(RECORDING_STUCK_AFTER).fail()
                .onFailure().recoverWithItem(failure -> {
                    LOG.errorf(failure, "dispatch: cannot record %d outcomes; %s settles them", group.size(),
                            SendingRecovery.class.getSimpleName());
                    return null;
                })
                .invoke(() -> freeLanes(group.size()))
                .map(done -> Collections.nCopies(group.size(), null));
    }

    /** Frees the lanes of outcomes recorded (or left to recovery), and fills them. */
    private void freeLanes(int count) {
        inFlight.addAndGet(-count);
        fillLanes().subscribe().with(filled -> {
        }, failure -> LOG.errorf(failure, "dispatch: cannot fill the lanes"));
    }
}
