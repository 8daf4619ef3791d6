package io.drip.dispatch.sandbox;

import io.drip.dispatch.provider.Accepted;
import io.drip.dispatch.provider.ProviderException;
import io.drip.dispatch.provider.Recovery;
import io.drip.dispatch.provider.SmsProvider;
import io.drip.dispatch.provider.Submission;
import io.drip.kit.work.GroupCommit;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The built-in provider: "sends" by recording the message, with an MMS's media, in dispatch's
 * database (the sandbox inbox) and schedules a simulated delivery receipt; calls made together are
 * taken together ({@link GroupCommit}). It takes a message id once, so
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

    /** Calls in flight are bounded by drip.dispatch.lanes; 500 bounds one statement's arrays all the same. */
    private final GroupCommit<Submission, String> submissions = new GroupCommit<>(500, this::takeAll);

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
        // null: a concurrent call for the same message took it after the statement's snapshot
        return submissions.submit(submission)
                .chain(id -> id == null ? recorded(submission.messageId())
                        : Uni.createFrom().item(Recovery.accepted(id)))
                .map(recovery -> new Accepted(recovery.providerMessageId(), null));
    }

    /**
     * Takes a group of submissions with one statement and one commit, as a provider's API takes a
     * burst without a round trip to Drip's database per SMS. Every call is logged, a second one for
     * the same message too; the inbox keeps the first, whose id each call of the message gets.
     */
    private Uni<List<String>> takeAll(List<Submission> group) {
        List<String> ids = group.stream().map(s -> "SB" + UUID.randomUUID().toString().replace("-", "")).toList();
        return pool.preparedQuery("""
                        with submitted as (
                          select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
                            with ordinality as s(id, message_id, to_phone, text, media, n)),
                        logged as (
                          insert into sandbox_submission (message_id, to_phone, submitted_at)
                          select message_id, to_phone, clock_timestamp() from submitted order by n),
                        taken as (
                          insert into sandbox_message (id, message_id, to_phone, text, media, status, created_at, receipt_due_at)
                          select distinct on (message_id) id, message_id, to_phone, text,
                            case when media is not null then array(select jsonb_array_elements_text(media::jsonb)) end,
                            'sent', clock_timestamp(), clock_timestamp() + make_interval(secs => $6)
                          from submitted order by message_id, n
                          on conflict (message_id) do nothing returning id, message_id)
                        -- a message taken before: its id, looked up only then (coalesce stops at the first value)
                        select coalesce(t.id, (select id from sandbox_message m where m.message_id = s.message_id)) as id
                        from submitted s left join taken t on t.message_id = s.message_id
                        order by s.n""")
                .execute(Tuple.tuple()
                        .addArrayOfString(ids.toArray(String[]::new))
                        .addArrayOfString(group.stream().map(Submission::messageId).toArray(String[]::new))
                        .addArrayOfString(group.stream().map(Submission::to).toArray(String[]::new))
                        .addArrayOfString(group.stream().map(Submission::text).toArray(String[]::new))
                        .addArrayOfString(group.stream().map(s -> s.media().isEmpty() ? null
                                : new JsonArray(s.media()).encode()).toArray(String[]::new))
                        .addDouble(receiptDelay.toNanos() / 1e9))
                .map(rows -> {
                    List<String> taken = new ArrayList<>();
                    rows.forEach(row -> taken.add(row.getString("id")));
                    return taken;
                });
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
