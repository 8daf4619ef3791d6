package io.drip.journey.run;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.journey.definition.JourneyCatalog;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.definition.SendStep;
import io.drip.journey.message.MessageRenderer;
import io.drip.journey.message.RenderException;
import io.drip.journey.message.RenderedMessage;
import io.drip.journey.stats.MessageLog;
import io.drip.kit.contacts.ContactSnapshots;
import io.drip.kit.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Moves one run forward from its current step until it has to wait or ends, inside the caller's
 * transaction: the run's new state, its message records and the send commands in the outbox
 * commit together.
 */
@ApplicationScoped
public class RunAdvancer {
    private static final Logger LOG = Logger.getLogger(RunAdvancer.class);
    /** How soon a run that waits for its contact's snapshot looks again. */
    static final Duration CONTACT_RETRY = Duration.ofSeconds(1);

    @Inject
    JourneyCatalog catalog;

    @Inject
    ContactSnapshots contacts;

    @Inject
    RunRepository runs;

    @Inject
    MessageRenderer renderer;

    @Inject
    MessageLog messages;

    @Inject
    Outbox outbox;

    @ConfigProperty(name = "drip.runs.contact-wait")
    Duration contactWait;

    public Uni<Void> advance(SqlConnection tx, Run run, Instant now) {
        JourneyDefinition journey = catalog.find(run.journeyId()).orElse(null);
        if (journey == null) {
            return runs.end(tx, run.id(), RunRepository.EXITED, "journey_removed");
        }
        return contacts.find(tx, run.contactId()).chain(contact -> {
            if (contact.isEmpty()) {
                // the snapshot may still be on its way (topics are not ordered with each other)
                return now.isAfter(run.enteredAt().plus(contactWait))
                        ? runs.end(tx, run.id(), RunRepository.EXITED, "contact_unknown")
                        : runs.moveTo(tx, run.id(), run.stepIndex(), now.plus(CONTACT_RETRY));
            }
            return runSteps(tx, journey, run, contact.get(), run.stepIndex(), now);
        });
    }

    private Uni<Void> runSteps(SqlConnection tx, JourneyDefinition journey, Run run, ContactSnapshot contact, int index,
            Instant now) {
        SendStep step = journey.step(index);
        if (step == null) {
            return runs.end(tx, run.id(), RunRepository.COMPLETED, null);
        }
        return send(tx, journey, run, contact, step, now)
                .chain(() -> runs.moveTo(tx, run.id(), index + 1, now))
                .chain(() -> runSteps(tx, journey, run, contact, index + 1, now));
    }

    private Uni<Void> send(SqlConnection tx, JourneyDefinition journey, Run run, ContactSnapshot contact, SendStep step,
            Instant now) {
        RenderedMessage rendered;
        try {
            rendered = renderer.render(step.text(), variables(journey, run, contact));
        } catch (RenderException e) {
            LOG.warnf("run %s, step %s: send skipped (render_error): %s", run.id(), step.id(), e.getMessage());
            return Uni.createFrom().voidItem();
        }
        SendCommand command = new SendCommand(UUID.randomUUID().toString(), run.id() + ":" + step.id(),
                run.contactId(), journey.id(), run.journeyVersion(), step.id(), null, step.channel(), step.category(),
                rendered.text(), rendered.links(), null, null, now);
        return messages.record(tx, run.id(), command)
                .chain(() -> outbox.add(tx, Topics.SENDS, run.contactId(), command));
    }

    /** What a message text can refer to: contact, event (the trigger) and journey. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> variables(JourneyDefinition journey, Run run, ContactSnapshot contact) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("contact", MessageJson.mapper().convertValue(contact, Map.class));
        variables.put("event", MessageJson.mapper().convertValue(run.triggerEvent(), Map.class));
        variables.put("journey", Map.of("id", journey.id(), "name", journey.name(), "version", run.journeyVersion()));
        return variables;
    }
}
