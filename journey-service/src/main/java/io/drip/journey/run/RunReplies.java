package io.drip.journey.run;

import io.drip.contracts.InboundSms;
import io.drip.journey.engine.Reply;
import io.drip.journey.engine.ReplyDecider;
import io.drip.journey.engine.Run;
import io.drip.kit.clock.DatabaseClock;
import io.drip.kit.contacts.ContactSnapshots;
import io.drip.kit.outbox.Outbox;
import io.drip.kit.outbox.ProcessedRecords;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies a batch of SMS from contacts to the runs that wait for a reply, each SMS once and in
 * record order: the {@link ReplyDecider} decides which run each answers and what it does, and
 * {@link RunWrites} stores the batch's changes. The waiting runs with their messages, the
 * journeys and the snapshots are read for the whole batch.
 */
@ApplicationScoped
public class RunReplies {

    @Inject
    ProcessedRecords processed;

    @Inject
    RunRepository runs;

    @Inject
    RunJourneys journeys;

    @Inject
    ContactSnapshots contacts;

    @Inject
    Outbox outbox;

    @Inject
    DatabaseClock clock;

    public Uni<Void> apply(SqlConnection tx, List<InboundSms> batch) {
        return clock.now(tx).chain(now -> processed.firstTime(tx, batch, sms -> "inbound:" + sms.inboundId())
                .chain(fresh -> fresh.isEmpty() ? Uni.createFrom().voidItem() : apply(tx, fresh, now)));
    }

    private Uni<Void> apply(SqlConnection tx, List<InboundSms> fresh, Instant now) {
        Set<String> contactIds = fresh.stream().map(InboundSms::contactId).collect(Collectors.toSet());
        return runs.waitingOf(tx, contactIds).chain(waiting -> journeys.versionsOf(waiting.byContact().values().stream()
                .flatMap(c -> c.active().stream()).toList()).chain(versions -> contacts.findAll(tx, contactIds)
                .chain(snapshots -> {
                    RunWrites writes = new RunWrites(now);
                    for (InboundSms sms : fresh) {
                        ReplyDecider.onReply(waiting.byContact().get(sms.contactId()),
                                        (Run run) -> Optional.ofNullable(versions.get(RunJourneys.key(run))),
                                        waiting.messages(), Reply.of(sms), snapshots.get(sms.contactId()))
                                .ifPresent(change -> writes.apply(sms.contactId(), change, null));
                    }
                    return writes.flush(tx, outbox);
                })));
    }
}
