package io.drip.tracking.click;

import io.drip.contracts.Click;
import io.drip.contracts.Topics;
import io.drip.kit.outbox.Outbox;
import io.drip.tracking.link.Link;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Records a click and publishes it on drip.clicks.v1, in one transaction. */
@ApplicationScoped
public class ClickRecorder {

    @Inject
    Pool pool;

    @Inject
    Outbox outbox;

    @ConfigProperty(name = "drip.tracking.anonymize-ip")
    boolean anonymizeIp;

    public Uni<Click> record(Link link, String ip, String userAgent) {
        Click click = new Click(UUID.randomUUID().toString(), link.code(), link.messageId(), link.contactId(),
                link.journeyId(), link.stepId(), link.variant(), Instant.now(),
                anonymizeIp ? IpAnonymizer.anonymize(ip) : ip, userAgent, null, false);
        return pool.withTransaction(tx -> tx.preparedQuery(
                                "insert into click (click_id, code, at, ip, user_agent) values ($1, $2, $3, $4, $5)")
                        .execute(Tuple.of(click.clickId(), click.code(), click.at().atOffset(ZoneOffset.UTC), click.ip(),
                                click.userAgent()))
                        .chain(() -> outbox.add(tx, Topics.CLICKS, link.contactId(), click)))
                .replaceWith(click);
    }
}
