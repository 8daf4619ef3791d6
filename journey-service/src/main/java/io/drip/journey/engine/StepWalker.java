package io.drip.journey.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.drip.contracts.SendCommand;
import io.drip.journey.definition.BranchStep;
import io.drip.journey.definition.ExitStep;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.definition.SendStep;
import io.drip.journey.definition.SplitStep;
import io.drip.journey.definition.Step;
import io.drip.journey.definition.UpdateStep;
import io.drip.journey.definition.WaitForStep;
import io.drip.journey.definition.WaitStep;
import io.drip.journey.definition.WebhookStep;
import io.drip.journey.message.MessageRenderer;
import io.drip.journey.message.RenderException;
import io.drip.journey.message.RenderedMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The journey state machine: moves one run forward from its current step until it has to wait
 * or ends. It only decides; what it did comes back as a {@link Walk}, which the engine stores
 * in one transaction and the simulator prints, so both run exactly this code.
 */
@ApplicationScoped
public class StepWalker {
    public static final String FILTER = "filter";
    private static final int MAX_STEPS_AT_ONCE = 1000;

    private final MessageRenderer renderer;
    private final ZoneId defaultZone;
    private final SplitWinners winners;
    private final SendTimeChooser sendTimes;

    @Inject
    public StepWalker(MessageRenderer renderer,
            @ConfigProperty(name = "drip.journeys.default-timezone") ZoneId defaultZone, SplitWinners winners,
            SendTimeChooser sendTimes) {
        this.renderer = renderer;
        this.defaultZone = defaultZone;
        this.winners = winners;
        this.sendTimes = sendTimes;
    }

    /**
     * Walks a run without its contact's click hours: a {@code best_time} send step it reaches
     * leaves the run due at once, for the timer, which reads them ({@link #walk(JourneyDefinition,
     * Run, ContactSnapshot, ClickHours, Instant)}).
     */
    public Walk walk(JourneyDefinition journey, Run run, ContactSnapshot contact, Instant now) {
        return walk(journey, run, contact, null, now);
    }

    /** @param clickHours when the contact clicks, for {@code best_time} send steps; null: not read */
    public Walk walk(JourneyDefinition journey, Run run, ContactSnapshot contact, ClickHours clickHours, Instant now) {
        Map<String, Object> variables = Variables.of(journey, run, contact);
        Walk walk = new Walk(run);
        for (int hops = 0; !walk.ended() && walk.nextAt() == null && !walk.calling(); hops++) {
            if (hops > MAX_STEPS_AT_ONCE) {
                // the journey reader rejects loops without a wait; this guards against a bug there
                throw new IllegalStateException("run " + run.id() + " took " + hops + " steps without waiting");
            }
            step(journey, walk, contact, clickHours, variables, now);
        }
        return walk;
    }

    /** The time zone the contact's local times are in. */
    public ZoneId zoneOf(ContactSnapshot contact) {
        if (contact != null && contact.timezone() != null) {
            try {
                return ZoneId.of(contact.timezone());
            } catch (DateTimeException e) {
                // contact-service checks zones; an unknown one here falls back like a missing one
            }
        }
        return defaultZone;
    }

    private void step(JourneyDefinition journey, Walk walk, ContactSnapshot contact, ClickHours clickHours,
            Map<String, Object> variables, Instant now) {
        Run run = walk.run();
        int index = run.stepIndex();
        Step step = journey.step(index);
        if (step == null) {
            walk.end(run, null, Run.COMPLETED, null);
        } else if (step instanceof ExitStep exit) {
            walk.end(run, step.id(), Run.EXITED, exit.reason());
        } else if (step instanceof WaitForStep waitFor) {
            if (!run.waiting()) {
                Instant until = now.plus(waitFor.within());
                walk.note(step.id(), "waiting", "for " + waitFor.describe() + " until " + until);
                walk.waitUntil(run.waitingHere(), until);
            } else {
                // the timer fired while still waiting: what was awaited did not come in time
                walk.note(step.id(), "timed_out", null);
                walk.moveTo(run.movedTo(waitFor.onTimeout() == null ? index + 1 : journey.indexOf(waitFor.onTimeout()),
                        run.variant()));
            }
        } else if (step instanceof WaitStep wait) {
            Optional<Instant> until = wait.time().until(now, zoneOf(contact), json(contact));
            Run moved = run.movedTo(journey.following(index), run.variant());
            if (until.isEmpty() || !until.get().isAfter(now)) {
                walk.note(step.id(), "waited", until.isEmpty() ? "nothing to wait for: no " + wait.time().describe()
                        : "already past " + wait.time().describe());
                walk.moveTo(moved);
            } else {
                walk.note(step.id(), "waiting", "until " + until.get());
                walk.waitUntil(moved, until.get());
            }
        } else if (step instanceof SendStep send) {
            if (journey.filter() != null && !journey.filter().test(variables)) {
                walk.end(run, step.id(), Run.EXITED, FILTER);
                return;
            }
            if (send.bestTime() != null && !run.waiting()
                    && waitsForBestTime(journey, walk, send, contact, clickHours, now)) {
                return;
            }
            send(journey, walk, variables, send, now);
            walk.moveTo(run.movedTo(journey.following(index), run.variant()));
        } else if (step instanceof UpdateStep update) {
            walk.add(new Walk.Update(step.id(), identify(run, update.traits(), now)));
            walk.note(step.id(), "updated", update.traits().toString());
            walk.moveTo(run.movedTo(journey.following(index), run.variant()));
        } else if (step instanceof WebhookStep webhook) {
            call(journey, walk, variables, webhook);
        } else if (step instanceof BranchStep branch) {
            BranchStep.Case taken = BranchStep.Case.firstHolding(branch.cases(), variables).orElse(null);
            int target = taken == null ? journey.following(index) : journey.indexOf(taken.target());
            walk.note(step.id(), "branched", "to " + stepIdAt(journey, target) + ": "
                    + (taken == null ? "no condition held" : taken.condition().expression()));
            walk.moveTo(run.movedTo(target, run.variant()));
        } else {
            SplitStep split = (SplitStep) step;
            Optional<String> winner = split.autoWinner() == null ? Optional.empty()
                    : winners.winner(journey.id(), run.journeyVersion(), split.id());
            SplitStep.Variant variant = split.assign(journey.id(), run.journeyVersion(), run.contactId(), winner);
            walk.note(step.id(), "assigned", "variant " + variant.name()
                    + (winner.isPresent() && !variant.holdout() ? " (the decided winner)" : ""));
            if (variant.holdout()) {
                walk.end(run.movedTo(index, variant.name()), step.id(), Run.EXITED, SplitStep.HOLDOUT);
            } else {
                walk.moveTo(run.movedTo(journey.indexOf(variant.target()), variant.name()));
            }
        }
    }

    /**
     * The run reached a best_time send step: whether it waits (for its click hours to be read, or
     * for the hour chosen) rather than sending now. Waiting for the hour, the run stays at the step
     * marked waiting, so the timer's next walk sends.
     */
    private boolean waitsForBestTime(JourneyDefinition journey, Walk walk, SendStep step, ContactSnapshot contact,
            ClickHours clickHours, Instant now) {
        if (clickHours == null) {
            walk.waitUntil(walk.run(), now);
            return true;
        }
        SendTime time = sendTimes.choose(clickHours, now, zoneOf(contact), step.bestTime().within(), journey.sendWindow(),
                step.category());
        walk.note(step.id(), "send_time", time.detail());
        if (!time.at().isAfter(now)) {
            return false;
        }
        walk.waitUntil(walk.run().waitingHere(), time.at());
        return true;
    }

    private void send(JourneyDefinition journey, Walk walk, Map<String, Object> variables, SendStep step, Instant now) {
        Run run = walk.run();
        RenderedMessage rendered;
        try {
            rendered = renderer.render(step.text(), variables);
        } catch (RenderException e) {
            walk.note(step.id(), "skipped", "render_error: " + e.getMessage());
            return;
        }
        // run and step count: unique per visit of a step, the same if the transaction is retried
        String idempotencyKey = run.id() + ":" + run.stepsTaken();
        String messageId = UUID.nameUUIDFromBytes(idempotencyKey.getBytes(StandardCharsets.UTF_8)).toString();
        SendCommand command = new SendCommand(messageId, idempotencyKey,
                run.contactId(), journey.id(), run.journeyVersion(), step.id(), run.variant(), step.channel(),
                step.category(), rendered.text(), rendered.links(), null, journey.sendWindow(), now)
                .withTags(step.tags()).withMedia(step.media());
        Walk.Send send = new Walk.Send(step.id(), command);
        walk.add(send);
        walk.note(step.id(), "sent", command.messageId() + ": " + send.describe());
    }

    /**
     * Renders the step's call and leaves the run waiting for it; a call that cannot be rendered
     * (a value the contact lacks) is never made, and fails at once.
     */
    private void call(JourneyDefinition journey, Walk walk, Map<String, Object> variables, WebhookStep step) {
        Run run = walk.run();
        WebhookRequest request;
        try {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Map.Entry<String, String> header : step.headers().entrySet()) {
                headers.put(header.getKey(), renderer.render(header.getValue(), variables).text());
            }
            request = new WebhookRequest(WebhookRequest.key(run.id(), step.id(), run.stepsTaken()), step.id(),
                    step.method(), renderer.render(step.urlTemplate(), variables).text(), headers,
                    step.body() == null ? null : renderer.render(step.body(), variables).text(), step.timeout());
        } catch (RenderException e) {
            WebhookOutcome.GaveUp failed = WebhookOutcome.gaveUp(journey, run, step, "render_error: " + e.getMessage());
            walk.note(step.id(), "webhook_failed", failed.detail());
            if (failed.moved() == null) {
                walk.end(run, step.id(), Run.EXITED, WebhookOutcome.FAILED);
            } else {
                walk.moveTo(failed.moved());
            }
            return;
        }
        walk.note(step.id(), "calling", request.describe());
        walk.call(run, new Walk.Call(step.id(), request));
    }

    /** An identify for contact-service; its id is stable per run and step visit, so a retry is not applied twice. */
    private static SegmentMessage identify(Run run, ObjectNode traits, Instant now) {
        return new SegmentMessage(SegmentMessage.IDENTIFY, "journey:" + run.id() + ":" + run.stepsTaken(),
                run.contactId(), null, null, null, null, traits.deepCopy(), null, now, null, now);
    }

    private static JsonNode json(ContactSnapshot contact) {
        return contact == null ? MessageJson.mapper().createObjectNode() : MessageJson.mapper().valueToTree(contact);
    }

    private static String stepIdAt(JourneyDefinition journey, int index) {
        Step step = journey.step(index);
        return step == null ? "the end" : step.id();
    }
}
