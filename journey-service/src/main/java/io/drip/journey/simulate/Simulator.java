package io.drip.journey.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.drip.journey.definition.Durations;
import io.drip.journey.definition.Goal;
import io.drip.journey.definition.JourneyCatalog;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.definition.JourneyReader;
import io.drip.journey.definition.SplitStep;
import io.drip.journey.engine.Reaction;
import io.drip.journey.engine.Run;
import io.drip.journey.engine.StepWalker;
import io.drip.journey.engine.Variables;
import io.drip.journey.engine.Walk;
import io.drip.journey.run.InactivityTimers;
import io.drip.kit.web.InvalidRequestException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Runs one journey for one contact on a virtual clock, through the engine's own
 * {@link StepWalker} and {@link Reaction}s, in the order the engine applies an event: goal,
 * runs in flight, inactivity, triggers. What dispatch does later (quiet hours, caps, consent)
 * is not simulated: a "sent" line is the moment the journey emits the message.
 */
@ApplicationScoped
public class Simulator {
    static final Duration DEFAULT_LENGTH = Duration.ofDays(90);
    private static final int MAX_ENTRIES = 10_000;

    @Inject
    StepWalker walker;

    @Inject
    JourneyCatalog catalog;

    public Simulation.Timeline run(Simulation request) {
        JourneyDefinition journey = journey(request);
        Instant start = request.start() != null ? request.start() : Instant.now();
        Instant end = start.plus(request.until() == null ? DEFAULT_LENGTH : duration(request.until(), "/until"));
        List<Timed> inputs = new ArrayList<>();
        List<Simulation.Input> events = request.events() == null ? List.of() : request.events();
        for (int i = 0; i < events.size(); i++) {
            inputs.add(new Timed(start.plus(duration(events.get(i).after(), "/events/" + i + "/after")), i,
                    check(events.get(i), i)));
        }
        inputs.sort(Comparator.comparing(Timed::at).thenComparing(Timed::index));
        Session session = new Session(journey, contact(request.contact()), start);
        session.play(inputs, end);
        return new Simulation.Timeline(journey.id(), session.entries);
    }

    private JourneyDefinition journey(Simulation request) {
        if ((request.journey() == null) == (request.journeyId() == null)) {
            throw new InvalidRequestException("/journey", "give either journey (the YAML text) or journeyId");
        }
        if (request.journeyId() != null) {
            return catalog.latest(request.journeyId()).orElseThrow(() -> new InvalidRequestException("/journeyId",
                    "no journey with id '" + request.journeyId() + "'"));
        }
        return JourneyReader.read("journey", new StringReader(request.journey())).withVersion(1);
    }

    private static ContactSnapshot contact(ObjectNode given) {
        ObjectNode contact = given == null ? MessageJson.mapper().createObjectNode() : given.deepCopy();
        if (!contact.hasNonNull("contactId")) {
            contact.put("contactId", "simulated");
        }
        if (!contact.hasNonNull("traits")) {
            contact.putObject("traits");
        }
        try {
            return MessageJson.mapper().treeToValue(contact, ContactSnapshot.class);
        } catch (Exception e) {
            throw new InvalidRequestException("/contact", "not a contact: " + e.getMessage());
        }
    }

    private static Simulation.Input check(Simulation.Input input, int index) {
        long kinds = java.util.stream.Stream.of(input.event(), input.traits(), input.clicked(), input.delivered())
                .filter(v -> v != null).count();
        if (kinds != 1) {
            throw new InvalidRequestException("/events/" + index,
                    "each event has exactly one of event (a track event), traits, clicked or delivered");
        }
        return input;
    }

    private static Duration duration(String value, String field) {
        if (value == null) {
            throw new InvalidRequestException(field, "missing: a duration such as 0s, 2h or 3d");
        }
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            if ("0s".equals(value) || "0".equals(value)) {
                return Duration.ZERO;
            }
            throw new InvalidRequestException(field, e.getMessage());
        }
    }

    private record Timed(Instant at, int index, Simulation.Input input) {
    }

    /** A message a simulated run sent. */
    private static final class Sent {
        final int run;
        final String stepId;
        final String messageId;
        final Instant at;
        Instant clickedAt;

        Sent(int run, String stepId, String messageId, Instant at) {
            this.run = run;
            this.stepId = stepId;
            this.messageId = messageId;
            this.at = at;
        }

        Instant touched() {
            return clickedAt != null && clickedAt.isAfter(at) ? clickedAt : at;
        }
    }

    /** A simulated run: the engine's {@link Run} plus its timer. */
    private static final class SimRun {
        final int number;
        Run run;
        Instant nextAt;
        Instant heldOutAt;
        boolean converted;

        SimRun(int number, Run run) {
            this.number = number;
            this.run = run;
        }
    }

    /** One simulation's state. */
    private final class Session {
        final JourneyDefinition journey;
        final Instant start;
        final List<Simulation.Entry> entries = new ArrayList<>();
        final Map<String, SimRun> active = new LinkedHashMap<>();
        final Map<String, SimRun> lastByKey = new LinkedHashMap<>();
        final List<SimRun> runs = new ArrayList<>();
        final List<Sent> sent = new ArrayList<>();
        ContactSnapshot contact;
        Instant inactivityDue;

        Session(JourneyDefinition journey, ContactSnapshot contact, Instant start) {
            this.journey = journey;
            this.contact = contact;
            this.start = start;
        }

        void play(List<Timed> inputs, Instant end) {
            int next = 0;
            while (entries.size() < MAX_ENTRIES) {
                SimRun due = active.values().stream().filter(r -> r.nextAt != null)
                        .min(Comparator.comparing(r -> r.nextAt)).orElse(null);
                Instant inputAt = next < inputs.size() ? inputs.get(next).at() : null;
                Instant now = earliest(earliest(due == null ? null : due.nextAt, inactivityDue), inputAt);
                if (now == null || now.isAfter(end)) {
                    return;
                }
                if (due != null && due.nextAt.equals(now)) {
                    walk(due, now); // timers before inputs at the same instant
                } else if (inactivityDue != null && inactivityDue.equals(now)) {
                    inactive(now);
                } else {
                    apply(inputs.get(next++).input(), now);
                }
            }
            add(end, 0, null, "stopped", "more than " + MAX_ENTRIES + " lines");
        }

        private void inactive(Instant now) {
            inactivityDue = null;
            ObjectNode properties = MessageJson.mapper().createObjectNode()
                    .put("inactiveFor", journey.trigger().inactiveFor().toString());
            SegmentMessage trigger = track(InactivityTimers.INACTIVE_EVENT, properties, now);
            if (journey.trigger().holds(Variables.of(journey, journey.version(), contact,
                    MessageJson.mapper().valueToTree(trigger)))) {
                enter(trigger, now);
            }
        }

        private void apply(Simulation.Input input, Instant now) {
            if (input.traits() != null) {
                setTraits(input.traits());
                add(now, 0, null, "traits", input.traits().toString());
            } else if (input.clicked() != null) {
                engage(input.clicked(), now, "clicked", (run, sent) -> Reaction.toClick(journey, run, sent.stepId,
                        sent.messageId));
            } else if (input.delivered() != null) {
                engage(input.delivered(), now, "delivered", (run, sent) -> Reaction.toDelivery(journey, run,
                        sent.stepId, sent.messageId));
            } else {
                event(track(input.event(), input.properties(), now), now);
            }
        }

        private void engage(String stepId, Instant now, String what,
                BiFunction<Run, Sent, Optional<Reaction>> react) {
            Sent message = null;
            for (Sent candidate : sent) {
                if (candidate.stepId.equals(stepId)) {
                    message = candidate;
                }
            }
            if (message == null) {
                add(now, 0, stepId, "input_ignored", what + ": no message of step " + stepId + " was sent");
                return;
            }
            if ("clicked".equals(what) && message.clickedAt == null) {
                message.clickedAt = now;
            }
            add(now, message.run, stepId, what, null);
            SimRun run = runs.get(message.run - 1);
            if (active.containsValue(run)) {
                Sent engaged = message;
                react.apply(run.run, engaged).ifPresent(reaction -> react(run, reaction, now));
            }
        }

        private void event(SegmentMessage event, Instant now) {
            JsonNode json = MessageJson.mapper().valueToTree(event);
            add(now, 0, null, "event", event.event() + (event.properties() == null || event.properties().isEmpty()
                    ? "" : " " + event.properties()));
            convert(event, json, now);
            for (SimRun run : List.copyOf(active.values())) {
                Reaction.toEvent(journey, run.run, event.event(), json, contact)
                        .ifPresent(reaction -> react(run, reaction, now));
            }
            if (journey.trigger().isInactivity()) {
                inactivityDue = now.plus(journey.trigger().inactiveFor());
            }
            if (journey.trigger().firedBy(event.event(), Variables.of(journey, journey.version(), contact, json))) {
                enter(event, now);
            }
        }

        private void convert(SegmentMessage event, JsonNode json, Instant now) {
            Goal goal = journey.goal();
            if (goal == null || !goal.event().equals(event.event())) {
                return;
            }
            // the engine's rule: the last message of a run not yet converted, or a holdout run
            Sent last = sent.stream().filter(m -> !runs.get(m.run - 1).converted).reduce((a, b) -> b).orElse(null);
            SimRun heldOut = runs.stream().filter(r -> r.heldOutAt != null && !r.converted)
                    .reduce((a, b) -> b).orElse(null);
            boolean holdout = heldOut != null && (last == null || heldOut.heldOutAt.isAfter(last.at));
            if (last == null && !holdout) {
                return;
            }
            SimRun run = holdout ? heldOut : runs.get(last.run - 1);
            if (goal.converts(holdout ? heldOut.heldOutAt : last.touched(), now)) {
                run.converted = true;
                BigDecimal revenue = goal.revenueOf(json).orElse(null);
                add(now, run.number, holdout ? null : last.stepId, "converted", event.event()
                        + (holdout ? " in the holdout" : " attributed to step " + last.stepId)
                        + (run.run.variant() == null ? "" : ", variant " + run.run.variant())
                        + (revenue == null ? "" : ", revenue " + revenue.toPlainString()));
            }
        }

        private void react(SimRun run, Reaction reaction, Instant now) {
            if (reaction instanceof Reaction.Exit exit) {
                add(now, run.number, null, "exit_event", exit.cause());
                end(run, Run.EXITED, exit.reason(), now);
            } else if (reaction instanceof Reaction.Resume resume) {
                run.run = resume.moved();
                add(now, run.number, resume.stepId(), "resumed", "by " + resume.cause());
                walk(run, now);
            }
        }

        private void enter(SegmentMessage trigger, Instant now) {
            JsonNode json = MessageJson.mapper().valueToTree(trigger);
            String key = journey.trigger().runKey(json);
            SimRun standing = active.get(key);
            SimRun last = lastByKey.get(key);
            if (standing != null) {
                add(now, standing.number, null, "trigger_ignored", trigger.event() + ": already in the journey");
                return;
            }
            if (last != null && !journey.reentry().allows(last.run.enteredAt(), now)) {
                add(now, last.number, null, "trigger_ignored", trigger.event() + ": re-entry "
                        + journey.reentry().describe());
                return;
            }
            int number = runs.size() + 1;
            Run run = new Run(UUID.nameUUIDFromBytes(("simulated run " + number).getBytes(StandardCharsets.UTF_8)),
                    journey.id(), journey.version(), contact.contactId(), key, 0, null, 0, false,
                    (ObjectNode) json, now);
            SimRun simRun = new SimRun(number, run);
            runs.add(simRun);
            active.put(key, simRun);
            lastByKey.put(key, simRun);
            add(now, number, null, "entered", trigger.event() + (key.isEmpty() ? "" : " (key " + key + ")"));
            walk(simRun, now);
        }

        private void walk(SimRun run, Instant now) {
            Walk walk = walker.walk(journey, run.run, contact, now);
            for (Walk.Effect effect : walk.effects()) {
                if (effect instanceof Walk.Send send) {
                    sent.add(new Sent(run.number, send.stepId(), send.command().messageId(), now));
                    add(now, run.number, send.stepId(), "sent", send.command().text());
                } else if (effect instanceof Walk.Update update) {
                    setTraits(update.identify().traits());
                } else if (effect instanceof Walk.Note note && !"sent".equals(note.what())) {
                    add(now, run.number, note.stepId(), note.what(), note.detail());
                }
            }
            run.run = walk.run();
            if (walk.ended() && SplitStep.HOLDOUT.equals(walk.endReason())) {
                run.heldOutAt = now;
            }
            if (walk.ended()) {
                end(run, walk.endStatus(), walk.endReason(), now);
            } else {
                run.nextAt = walk.nextAt();
            }
        }

        /** What contact-service would do with an identify: merge the traits into the snapshot. */
        private void setTraits(ObjectNode traits) {
            ObjectNode snapshot = MessageJson.mapper().valueToTree(contact);
            JsonNode held = snapshot.get("traits");
            ObjectNode merged = held instanceof ObjectNode object ? object : snapshot.putObject("traits");
            merged.setAll(traits);
            contact = MessageJson.mapper().convertValue(snapshot, ContactSnapshot.class);
        }

        private void end(SimRun run, String status, String reason, Instant now) {
            active.values().remove(run);
            run.nextAt = null;
            add(now, run.number, null, status, reason);
        }

        private SegmentMessage track(String name, ObjectNode properties, Instant at) {
            return new SegmentMessage(SegmentMessage.TRACK, "simulated-" + entries.size(), contact.contactId(), null,
                    name, null, properties == null ? MessageJson.mapper().createObjectNode() : properties, null, null,
                    at, null, at);
        }

        private void add(Instant at, int run, String step, String what, String detail) {
            entries.add(new Simulation.Entry(at, offset(Duration.between(start, at)), run, step, what, detail));
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    /** "+1d2h30m", "+0s": how long after the start. */
    static String offset(Duration duration) {
        if (duration.isZero()) {
            return "+0s";
        }
        StringBuilder text = new StringBuilder("+");
        long days = duration.toDays();
        if (days > 0) {
            text.append(days).append('d');
        }
        if (duration.toHoursPart() > 0) {
            text.append(duration.toHoursPart()).append('h');
        }
        if (duration.toMinutesPart() > 0) {
            text.append(duration.toMinutesPart()).append('m');
        }
        if (duration.toSecondsPart() > 0) {
            text.append(duration.toSecondsPart()).append('s');
        }
        return text.toString();
    }
}
