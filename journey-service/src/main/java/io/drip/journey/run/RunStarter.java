package io.drip.journey.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.engine.Run;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * Enters a contact into a journey, within its re-entry policy and one active run at a time (per
 * contact, or per contact and key). A trigger that does not enter is recorded in the history of
 * the run that stood in its way.
 */
@ApplicationScoped
public class RunStarter {

    @Inject
    RunRepository runs;

    @Inject
    RunHistory history;

    @Inject
    RunAdvancer advancer;

    /**
     * Enters the contact and takes the run's first steps at once, in the same transaction (the
     * timer takes over at its first wait); its records continue the trigger's trace.
     *
     * @param contact the contact's snapshot, null if it has not arrived yet
     */
    public Uni<Void> enter(SqlConnection tx, JourneyDefinition journey, SegmentMessage trigger, ContactSnapshot contact,
            String traceparent, Instant now) {
        ObjectNode event = MessageJson.mapper().valueToTree(trigger);
        String runKey = journey.trigger().runKey(event);
        return runs.lastRun(tx, journey.id(), trigger.contactId(), runKey).chain(last -> {
            if (last.isPresent() && !journey.reentry().allows(last.get().enteredAt(), now)) {
                return ignored(tx, last.get(), trigger, now, "re-entry " + journey.reentry().describe());
            }
            return runs.start(tx, journey, trigger, event, runKey, traceparent, now).chain(entered -> {
                if (entered.isPresent()) {
                    return advancer.advanceEntered(tx, journey, entered.get(), contact, traceparent, now);
                }
                return last.isEmpty() ? Uni.createFrom().voidItem()
                        : ignored(tx, last.get(), trigger, now, "already in the journey");
            });
        });
    }

    private Uni<Void> ignored(SqlConnection tx, Run standing, SegmentMessage trigger, Instant now, String why) {
        return history.add(tx, standing.id(), now, null, "trigger_ignored",
                trigger.event() + " (" + trigger.messageId() + "): " + why);
    }
}
