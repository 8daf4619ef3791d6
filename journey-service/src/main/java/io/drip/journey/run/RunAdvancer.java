package io.drip.journey.run;

import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.journey.definition.JourneyCatalog;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.definition.BranchStep;
import io.drip.journey.definition.ExitStep;
import io.drip.journey.definition.SendStep;
import io.drip.journey.definition.SplitStep;
import io.drip.journey.definition.Step;
import io.drip.journey.definition.WaitForStep;
import io.drip.journey.definition.WaitStep;
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
    private static final int MAX_STEPS_AT_ONCE = 1000;

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

    @Inject
    RunHistory history;

    @ConfigProperty(name = "drip.runs.contact-wait")
    Duration contactWait;

    public Uni<Void> advance(SqlConnection tx, Run run, Instant now) {
        JourneyDefinition journey = catalog.find(run.journeyId()).orElse(null);
        if (journey == null) {
            return runs.end(tx, run, RunRepository.EXITED, "journey_removed", now);
        }
        return contacts.find(tx, run.contactId()).chain(contact -> {
            if (contact.isEmpty()) {
                // the snapshot may still be on its way (topics are not ordered with each other)
                return now.isAfter(run.enteredAt().plus(contactWait))
                        ? runs.end(tx, run, RunRepository.EXITED, "contact_unknown", now)
                        : runs.save(tx, run, now.plus(CONTACT_RETRY));
            }
            return walk(tx, journey, run, Variables.of(journey, run.journeyVersion(), contact.get(), run.triggerEvent()), now, 0);
        });
    }

    /** Takes steps until the run waits or ends. */
    private Uni<Void> walk(SqlConnection tx, JourneyDefinition journey, Run run, Map<String, Object> variables,
            Instant now, int hops) {
        if (hops > MAX_STEPS_AT_ONCE) {
            // the journey reader rejects loops without a wait; this guards against a bug there
            return Uni.createFrom().failure(new IllegalStateException("run " + run.id() + " took " + hops
                    + " steps without waiting"));
        }
        int index = run.stepIndex();
        Step step = journey.step(index);
        if (step == null) {
            return runs.end(tx, run, RunRepository.COMPLETED, null, now);
        }
        if (step instanceof ExitStep exit) {
            return runs.end(tx, run, RunRepository.EXITED, exit.reason(), now);
        }
        if (step instanceof WaitForStep waitFor) {
            if (!run.waiting()) {
                Instant until = now.plus(waitFor.within());
                return runs.save(tx, run.waitingHere(), until).chain(() -> history.add(tx, run.id(), now, step.id(),
                        "waiting", (waitFor.event() != null ? "for " + waitFor.event() : "for a click on "
                                + waitFor.clickedStep()) + " until " + until));
            }
            // the timer fired while still waiting: what was awaited did not come in time
            int target = waitFor.onTimeout() == null ? index + 1 : journey.indexOf(waitFor.onTimeout());
            return history.add(tx, run.id(), now, step.id(), "timed_out", null)
                    .chain(() -> walk(tx, journey, run.movedTo(target, run.variant()), variables, now, hops + 1));
        }
        if (step instanceof WaitStep wait) {
            Instant until = now.plus(wait.duration());
            return runs.save(tx, run.movedTo(journey.following(index), run.variant()), until)
                    .chain(() -> history.add(tx, run.id(), now, step.id(), "waiting", "until " + until));
        }
        if (step instanceof SendStep send) {
            return send(tx, journey, run, variables, send, now).chain(() ->
                    walk(tx, journey, run.movedTo(journey.following(index), run.variant()), variables, now, hops + 1));
        }
        if (step instanceof BranchStep branch) {
            BranchStep.Case taken = branch.cases().stream().filter(c -> c.condition().test(variables)).findFirst()
                    .orElse(null);
            int target = taken == null ? journey.following(index) : journey.indexOf(taken.target());
            String why = taken == null ? "no condition held" : taken.condition().expression();
            return history.add(tx, run.id(), now, step.id(), "branched", "to " + stepIdAt(journey, target) + ": " + why)
                    .chain(() -> walk(tx, journey, run.movedTo(target, run.variant()), variables, now, hops + 1));
        }
        SplitStep split = (SplitStep) step;
        SplitStep.Variant variant = split.variantFor(journey.id(), run.journeyVersion(), run.contactId());
        Uni<Void> assigned = history.add(tx, run.id(), now, step.id(), "assigned", "variant " + variant.name());
        if (variant.holdout()) {
            return assigned.chain(() -> runs.end(tx, run.movedTo(index, variant.name()), RunRepository.EXITED,
                    SplitStep.HOLDOUT, now));
        }
        return assigned.chain(() -> walk(tx, journey, run.movedTo(journey.indexOf(variant.target()), variant.name()),
                variables, now, hops + 1));
    }

    private static String stepIdAt(JourneyDefinition journey, int index) {
        Step step = journey.step(index);
        return step == null ? "the end" : step.id();
    }

    private Uni<Void> send(SqlConnection tx, JourneyDefinition journey, Run run, Map<String, Object> variables,
            SendStep step, Instant now) {
        RenderedMessage rendered;
        try {
            rendered = renderer.render(step.text(), variables);
        } catch (RenderException e) {
            LOG.warnf("run %s, step %s: send skipped (render_error): %s", run.id(), step.id(), e.getMessage());
            return history.add(tx, run.id(), now, step.id(), "skipped", "render_error: " + e.getMessage());
        }
        // run and step count: unique per visit of a step, the same if this transaction is retried
        SendCommand command = new SendCommand(UUID.randomUUID().toString(), run.id() + ":" + run.stepsTaken(),
                run.contactId(), journey.id(), run.journeyVersion(), step.id(), run.variant(), step.channel(), step.category(),
                rendered.text(), rendered.links(), null, journey.sendWindow(), now);
        return messages.record(tx, run.id(), command)
                .chain(() -> outbox.add(tx, Topics.SENDS, run.contactId(), command))
                .chain(() -> history.add(tx, run.id(), now, step.id(), "sent", command.messageId() + ": " + command.text()));
    }
}
