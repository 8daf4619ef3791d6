package io.drip.dispatch.sandbox;

import io.drip.dispatch.provider.Accepted;
import io.drip.dispatch.provider.ProviderException;
import io.drip.dispatch.provider.Recovery;
import io.drip.dispatch.provider.SmsProvider;
import io.drip.dispatch.provider.Submission;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The built-in provider: "sends" by recording the message, with an MMS's media, in dispatch's
 * database (the sandbox inbox) and schedules a simulated delivery receipt. It takes a message id once, so
 * submitting again after a crash never makes a second SMS, and it can tell what it took.
 * Every call is logged ({@code sandbox_submission}), and it can be put out of order for a
 * while ({@link SandboxOutage}) to rehearse a provider failing.
 */
@ApplicationScoped
public class SandboxProvider implements SmsProvider {
    public static final String NAME = "sandbox";

    @Inject
    Pool pool;

    @Inject
    SandboxOutage outage;

    @ConfigProperty(name = "drip.sandbox.receipt-delay")
    Duration receiptDelay;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean sendsMms() {
        return true;
    }

    @Override
    public Uni<Accepted> submit(Submission submission) {
        if (outage.isOn()) {
            return Uni.createFrom().failure(ProviderException.transientFailure("sandbox_outage",
                    "the sandbox is out of order (POST /v1/sandbox/outage) for " + outage.remaining(), null));
        }
        String id = "SB" + UUID.randomUUID().toString().replace("-", "");
        // every call is logged, a second one for the same message too; the inbox keeps the first,
        // whose id the same statement returns (one round trip and one commit per SMS)
        return pool.preparedQuery("""
                        with logged as (
                          insert into sandbox_submission (message_id, to_phone, submitted_at)
                          values ($2, $3, clock_timestamp())),
                        taken as (
                          insert into sandbox_message (id, message_id, to_phone, text, media, status, created_at, receipt_due_at)
                          values ($1, $2, $3, $4, $6, 'sent', clock_timestamp(), clock_timestamp() + make_interval(secs => $5))
                          on conflict (message_id) do nothing returning id)
                        select id from taken
                        union all
                        select id from sandbox_message where message_id = $2 and not exists (select 1 from taken)""")
                .execute(Tuple.of(id, submission.messageId(), submission.to(), submission.text(),
                        receiptDelay.toNanos() / 1e9, submission.media().isEmpty() ? null
                                : submission.media().toArray(String[]::new)))
                // none: a concurrent call for the same message took it after this statement's snapshot
                .chain(rows -> rows.size() == 0 ? recorded(submission.messageId())
                        : Uni.createFrom().item(Recovery.accepted(rows.iterator().next().getString("id"))))
                .map(recovery -> new Accepted(recovery.providerMessageId(), null));
    }

    @Override
    public Uni<Recovery> recover(Submission submission, Instant notBefore) {
        return recorded(submission.messageId());
    }

    private Uni<Recovery> recorded(String messageId) {
        return pool.preparedQuery("select id from sandbox_message where message_id = $1")
                .execute(Tuple.of(messageId))
                .map(rows -> rows.size() == 0 ? Recovery.notTaken() : Recovery.accepted(rows.iterator().next().getString("id")));
    }
}
