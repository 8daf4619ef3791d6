package io.drip.journey.run;

import io.drip.contracts.SegmentMessage;
import io.drip.journey.definition.JourneyDefinition;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Enters a contact into a journey, within its re-entry policy and one active run at a time. */
@ApplicationScoped
public class RunStarter {
    private static final Logger LOG = Logger.getLogger(RunStarter.class);

    @Inject
    RunRepository runs;

    public Uni<Void> enter(SqlConnection tx, JourneyDefinition journey, SegmentMessage trigger, Instant now) {
        return runs.lastEntry(tx, journey.id(), trigger.contactId()).chain(last -> {
            if (!journey.reentry().allows(last.orElse(null), now)) {
                LOG.debugf("%s may not enter %s again (%s): trigger %s ignored", trigger.contactId(), journey.id(),
                        journey.reentry(), trigger.messageId());
                return Uni.createFrom().voidItem();
            }
            return runs.start(tx, journey, trigger, now).invoke(entered -> {
                if (!entered) {
                    LOG.debugf("%s is already in %s: trigger %s ignored", trigger.contactId(), journey.id(),
                            trigger.messageId());
                }
            }).replaceWithVoid();
        });
    }
}
