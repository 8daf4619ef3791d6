package io.drip.dispatch.send;

import io.drip.dispatch.provider.Providers;
import io.drip.dispatch.provider.Recovery;
import io.drip.kit.work.DueWork;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Settles attempts interrupted between the provider call and the commit of its outcome (a
 * replica crashed or lost its database): a message 'sending' for longer than
 * {@code drip.dispatch.sending-lease} (well above the provider timeout) is settled by what its
 * provider can tell. Accepted: recorded as sent, not submitted again. Not taken: queued again.
 * Deduplicated (the provider may have it but takes a message id once): queued again for that
 * provider only. Unknown: failed with reason outcome_unknown, never submitted twice (at most once).
 */
@ApplicationScoped
public class SendingRecovery implements DueWork.Queue<Attempt> {
    static final String INTERRUPTED = "attempt_interrupted";

    @Inject
    OutgoingMessages outgoing;

    @Inject
    AttemptOutcomes outcomes;

    @Inject
    Providers providers;

    @ConfigProperty(name = "drip.dispatch.sending-lease")
    Duration lease;

    @Override
    public String name() {
        return "sending-recovery";
    }

    @Override
    public String describe(Attempt attempt) {
        return "message " + attempt.message().messageId();
    }

    @Override
    public Uni<List<Attempt>> claim(SqlConnection tx, Instant now, int limit) {
        return outgoing.claimInterrupted(tx, now.minus(lease), limit);
    }

    @Override
    public Uni<Void> process(SqlConnection tx, Attempt attempt, Instant now) {
        Uni<Recovery> recovery = providers.find(attempt.provider())
                .map(provider -> provider.recover(attempt.submission(), attempt.message().createdAt()))
                .orElseGet(() -> Uni.createFrom().item(Recovery.unknown()));
        return recovery.chain(r -> outcomes.settle(tx, attempt, r, INTERRUPTED, now));
    }

    @Override
    public Uni<Void> postpone(SqlConnection tx, Attempt attempt, Instant until) {
        // stays 'sending', claimed again once its lease runs out at until
        return outgoing.restartLease(tx, attempt.message().messageId(), until.minus(lease));
    }
}
