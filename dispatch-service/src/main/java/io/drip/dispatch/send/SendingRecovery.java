package io.drip.dispatch.send;

import io.drip.dispatch.provider.Providers;
import io.drip.dispatch.provider.Recovery;
import io.drip.kit.clock.DatabaseClock;
import io.drip.kit.work.DueWork;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Settles attempts interrupted between the provider call and the commit of its outcome (a
 * replica crashed or lost its database): a message 'sending' for longer than
 * {@code drip.dispatch.sending-lease} (well above the provider timeout) is settled by what its
 * provider can tell. Accepted: recorded as sent, not submitted again. Not taken: queued again.
 * Deduplicated (the provider may have it but takes a message id once): queued again for that
 * provider only. Unknown: failed with reason outcome_unknown, never submitted twice (at most once).
 *
 * <p>The claim takes the attempt's lease anew and commits; the provider is asked with no row
 * locked (a status webhook for the message must not wait behind a slow answer), and the answer
 * is recorded only if the attempt still holds that lease, so no other replica settled it meanwhile.
 */
@ApplicationScoped
public class SendingRecovery implements DueWork.Queue<SendingRecovery.Interrupted> {
    private static final Logger LOG = Logger.getLogger(SendingRecovery.class);
    static final String INTERRUPTED = "attempt_interrupted";
    /** How many providers are asked at once. */
    private static final int ASKS_AT_ONCE = 8;

    /** An interrupted attempt, and the start of the lease its recovery holds. */
    public record Interrupted(Attempt attempt, Instant lease) {
    }

    @Inject
    OutgoingMessages outgoing;

    @Inject
    AttemptOutcomes outcomes;

    @Inject
    Providers providers;

    @Inject
    Pool pool;

    @Inject
    DatabaseClock clock;

    @ConfigProperty(name = "drip.dispatch.sending-lease")
    Duration lease;

    @Override
    public String name() {
        return "sending-recovery";
    }

    @Override
    public String describe(Interrupted interrupted) {
        return "message " + interrupted.attempt().message().messageId();
    }

    @Override
    public Uni<List<Interrupted>> claim(SqlConnection tx, Instant now, int limit) {
        // the database keeps microseconds: the lease is compared as stored
        Instant leaseStart = now.truncatedTo(ChronoUnit.MICROS);
        return outgoing.claimInterrupted(tx, now.minus(lease), limit)
                .map(attempts -> attempts.stream().map(a -> new Interrupted(a, leaseStart)).toList());
    }

    @Override
    public Uni<Void> process(SqlConnection tx, Interrupted interrupted, Instant now) {
        return processAll(tx, List.of(interrupted), now);
    }

    /** Takes the lease: no replica claims these attempts again while their recovery asks. */
    @Override
    public Uni<Void> processAll(SqlConnection tx, List<Interrupted> items, Instant now) {
        return items.isEmpty() ? Uni.createFrom().voidItem()
                : outgoing.restartLeases(tx, ids(items), items.get(0).lease());
    }

    @Override
    public Uni<Void> afterCommit(List<Interrupted> items) {
        return Multi.createFrom().iterable(items)
                .onItem().transformToUni(i -> askAndSettle(i).replaceWith(i)).merge(ASKS_AT_ONCE)
                .collect().asList().replaceWithVoid();
    }

    private Uni<Void> askAndSettle(Interrupted interrupted) {
        Attempt attempt = interrupted.attempt();
        Uni<Recovery> recovery = providers.find(attempt.provider())
                .map(provider -> provider.recover(attempt.submission(), attempt.message().createdAt()))
                .orElseGet(() -> Uni.createFrom().item(Recovery.unknown()));
        return recovery.chain(r -> pool.withTransaction(tx -> outgoing
                .holdsLease(tx, attempt.message().messageId(), interrupted.lease())
                .chain(held -> held ? clock.now(tx).chain(now -> outcomes.settle(tx, attempt, r, INTERRUPTED, now))
                        : Uni.createFrom().voidItem())))
                .onFailure().recoverWithItem(failure -> {
                    // its lease runs out and the next recovery asks again
                    LOG.warnf("sending-recovery: message %s not settled: %s", attempt.message().messageId(),
                            failure.getMessage());
                    return null;
                });
    }

    @Override
    public Uni<Void> postpone(SqlConnection tx, Interrupted interrupted, Instant until) {
        // stays 'sending', claimed again once its lease runs out at until
        return outgoing.restartLeases(tx, List.of(interrupted.attempt().message().messageId()), until.minus(lease));
    }

    private static List<String> ids(List<Interrupted> items) {
        return items.stream().map(i -> i.attempt().message().messageId()).toList();
    }
}
