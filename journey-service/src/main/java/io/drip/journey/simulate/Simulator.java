package io.drip.journey.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.drip.contracts.SendCommand;
import io.drip.journey.definition.Audience;
import io.drip.journey.definition.Durations;
import io.drip.journey.definition.JourneyCatalog;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.definition.JourneyValidator;
import io.drip.journey.engine.AudienceRound;
import io.drip.journey.engine.Change;
import io.drip.journey.engine.ClickHours;
import io.drip.journey.engine.ContactRuns;
import io.drip.journey.engine.EventDecider;
import io.drip.journey.engine.HourCounts;
import io.drip.journey.engine.Reaction;
import io.drip.journey.engine.Reply;
import io.drip.journey.engine.ReplyDecider;
import io.drip.journey.engine.Run;
import io.drip.journey.engine.StepWalker;
import io.drip.journey.engine.Touch;
import io.drip.journey.engine.Variables;
import io.drip.journey.engine.Walk;
import io.drip.journey.engine.WebhookOutcome;
import io.drip.journey.engine.WebhookRequest;
import io.drip.journey.engine.WebhookResult;
import io.drip.journey.run.InactivityTimers;
import io.drip.journey.webhook.WebhookConfig;
import io.drip.kit.clock.TimeZones;
import io.drip.kit.holdout.GlobalHoldout;
import io.drip.kit.phone.PhoneCountry;
import io.drip.kit.sms.Keywords;
import io.drip.kit.web.InvalidRequestException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs one journey for one contact on a virtual clock, through the engine's own deciding code:
 * the {@link EventDecider} for events (goal, runs in flight, inactivity, triggers, re-entry), the
 * {@link StepWalker} for timers, the {@link Reaction}s to clicks and deliveries, the
 * {@link ReplyDecider} for replies (recognised with dispatch's keyword table) and
 * {@link EventDecider#onAudience} for each round of an audience (the contact is a member of its
 * segment; in a spread round, at the place the request gives, by default the first). What
 * dispatch does later (quiet hours, caps, consent) is not simulated: a "sent" line is the moment
 * the journey emits the message. A split whose auto-winner has decided assigns its winner here as in the
 * engine (the walker reads the decisions). A contact in the global holdout ({@link GlobalHoldout},
 * configured as dispatch's) gets a {@code held_out} line after each marketing send. A {@code best_time} send step chooses its hour from the
 * click hours the request gives, plus the contact's clicks in the simulation, as the engine counts them.
 * A webhook call is shown, not made: each attempt gets
 * the answer stubbed for its step in the request, or fails without one, and
 * {@link WebhookOutcome} decides what follows (retries on the virtual clock, {@code on_failure}).
 */
@ApplicationScoped
public class Simulator {
    static final Duration DEFAULT_LENGTH = Duration.ofDays(90);
    private static final int MAX_ENTRIES = 10_000;

    @Inject
    StepWalker walker;

    @Inject
    GlobalHoldout holdout;

    @Inject
    EventDecider decider;

    @Inject
    JourneyCatalog catalog;

    @Inject
    JourneyValidator validator;

    @Inject
    Keywords keywords;

    /** The zone of an audience's rounds that are not in each contact's local time. */
    @ConfigProperty(name = "drip.journeys.default-timezone")
    ZoneId defaultZone;

    @Inject
    WebhookConfig webhooks;

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
        ContactSnapshot contact = contact(request.contact());
        Session session = new Session(journey, contact, start, clickHours(request, contact),
                request.webhooks() == null ? MessageJson.mapper().createObjectNode() : request.webhooks(),
                request.heldOut() != null ? request.heldOut() : holdout.holdsOut(contact.contactId()),
                place(request.audience()));
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
        return validator.read("journey", request.journey()).withVersion(1);
    }

    private static ContactSnapshot contact(ObjectNode given) {
        ObjectNode contact = given == null ? MessageJson.mapper().createObjectNode() : given.deepCopy();
        if (!contact.hasNonNull("contactId")) {
            contact.put("contactId", "simulated");
        }
        if (contact.hasNonNull("timezone") && !TimeZones.isZone(contact.get("timezone").asText())) {
            throw new InvalidRequestException("/contact/timezone", TimeZones.notAZone(contact.get("timezone").asText()));
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

    private static ClickHours clickHours(Simulation request, ContactSnapshot contact) {
        String country = PhoneCountry.of(contact.phone());
        if (request.countryClickHours() != null && country == null) {
            throw new InvalidRequestException("/countryClickHours", "the contact's country is that of its phone number: "
                    + "give contact.phone, e.g. +33612345678");
        }
        return new ClickHours(hourCounts(request.clickHours(), "/clickHours"), country,
                hourCounts(request.countryClickHours(), "/countryClickHours"));
    }

    private static HourCounts hourCounts(Map<Integer, Long> byHour, String field) {
        try {
            return byHour == null ? HourCounts.NONE : HourCounts.of(byHour);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field, e.getMessage() + ", e.g. {\"19\": 5, \"12\": 2}");
        }
    }

    private static Simulation.Place place(Simulation.Place given) {
        if (given == null) {
            return Simulation.Place.FIRST;
        }
        if (given.size() < 1) {
            throw new InvalidRequestException("/audience/size", "the round's size is 1 or more, not " + given.size());
        }
        if (given.position() < 0) {
            throw new InvalidRequestException("/audience/position",
                    "the position is 0 (the first member) or more, not " + given.position());
        }
        return given;
    }

    private static Simulation.Input check(Simulation.Input input, int index) {
        long kinds = java.util.stream.Stream.of(input.event(), input.traits(), input.clicked(), input.delivered(),
                input.replied()).filter(v -> v != null).count();
        if (kinds != 1) {
            throw new InvalidRequestException("/events/" + index,
                    "each event has exactly one of event (a track event), traits, clicked, delivered or replied");
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

    /** A message a simulated run sent, for the clicks, deliveries and replies of the request. */
    private record Sent(SimRun run, String stepId, String messageId, Instant at) {
    }

    /** A simulated run: its number in the timeline and its timer, and the webhook call it waits for. */
    private static final class SimRun {
        final int number;
        Run run;
        Instant nextAt;
        WebhookRequest call;
        int attempts;

        SimRun(int number, Run run) {
            this.number = number;
            this.run = run;
        }
    }

    /** The one journey of a simulation, as the {@link EventDecider} asks for journeys. */
    private record OneJourney(JourneyDefinition journey) implements EventDecider.Journeys {
        @Override
        public List<JourneyDefinition> withGoal(String event) {
            return journey.goal() != null && journey.goal().event().equals(event) ? List.of(journey) : List.of();
        }

        @Override
        public List<JourneyDefinition> triggeredBy(String event) {
            return event.equals(journey.trigger().event()) ? List.of(journey) : List.of();
        }

        @Override
        public List<JourneyDefinition> inactivity() {
            return journey.trigger().isInactivity() ? List.of(journey) : List.of();
        }

        @Override
        public Optional<JourneyDefinition> of(Run run) {
            return Optional.of(journey);
        }
    }

    /** One simulation's state: the contact's runs as the engine keeps them, plus their timers. */
    private final class Session {
        final JourneyDefinition journey;
        final OneJourney journeys;
        final Instant start;
        final List<Simulation.Entry> entries = new ArrayList<>();
        final ContactRuns state;
        final Map<UUID, SimRun> runs = new LinkedHashMap<>();
        final List<Sent> sent = new ArrayList<>();
        final ObjectNode stubs;
        ContactSnapshot contact;
        ClickHours clickHours;
        /** In the global holdout: dispatch suppresses every marketing message, the run goes on. */
        final boolean heldOut;
        Instant inactivityDue;
        /** The next round of the journey's audience (the simulated contact is a member), null if none. */
        AudienceRound round;
        /** When it starts: a round already due at the start (an `at` gone by) starts at once, as published. */
        Instant roundDue;
        /** The contact's place in every round, for its moment in a spread. */
        final Simulation.Place place;
        int entered;

        Session(JourneyDefinition journey, ContactSnapshot contact, Instant start, ClickHours clickHours,
                ObjectNode stubs, boolean heldOut, Simulation.Place place) {
            this.journey = journey;
            this.place = place;
            this.heldOut = heldOut;
            this.stubs = stubs;
            this.journeys = new OneJourney(journey);
            this.contact = contact;
            this.start = start;
            this.clickHours = clickHours;
            this.state = new ContactRuns(contact.contactId(), () -> UUID.nameUUIDFromBytes(
                    ("simulated run " + ++entered).getBytes(StandardCharsets.UTF_8)));
            Audience audience = journey.trigger().audience();
            if (audience != null) {
                audience.roundAfter(null, start, defaultZone).ifPresent(first -> planRound(first, start));
            }
        }

        void play(List<Timed> inputs, Instant end) {
            int next = 0;
            while (entries.size() < MAX_ENTRIES) {
                SimRun due = runs.values().stream().filter(r -> r.nextAt != null)
                        .min(Comparator.comparing(r -> r.nextAt)).orElse(null);
                Instant inputAt = next < inputs.size() ? inputs.get(next).at() : null;
                Instant now = earliest(earliest(earliest(due == null ? null : due.nextAt, inactivityDue), roundDue),
                        inputAt);
                if (now == null || now.isAfter(end)) {
                    return;
                }
                if (due != null && due.nextAt.equals(now)) {
                    walk(due, now); // timers before inputs at the same instant
                } else if (inactivityDue != null && inactivityDue.equals(now)) {
                    inactive(now);
                } else if (roundDue != null && roundDue.equals(now)) {
                    audienceRound(now);
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
            show(decider.onInactive(journey, state, track(InactivityTimers.INACTIVE_EVENT, properties, now), contact, now),
                    now);
        }

        /**
         * The audience's round starts: the contact, a member, enters (at its local time if asked, and
         * at its place in the spread if there is one).
         */
        private void audienceRound(Instant now) {
            AudienceRound entering = round;
            round = null;
            roundDue = null;
            journey.trigger().audience().roundAfter(entering.round(), now, defaultZone).ifPresent(next -> planRound(next, now));
            Duration spread = entering.audience().spread();
            add(now, 0, null, "audience_round", entering.round() + " of segment " + entering.audience().segment()
                    + (spread == null ? "" : ", spread over " + spread + ", the contact at position "
                    + place.position() + " of " + place.size()));
            show(decider.onAudience(journey, state, entering.trigger(contact.contactId(), now), contact, now,
                    entering.firstStepAt(contact.timezone(), place.position())), now);
        }

        private void planRound(LocalDateTime next, Instant notBefore) {
            round = new AudienceRound(journey.id(), journey.trigger().audience(), next, defaultZone, place.size());
            roundDue = round.startsAt().isBefore(notBefore) ? notBefore : round.startsAt();
        }

        private void apply(Simulation.Input input, Instant now) {
            if (input.traits() != null) {
                setTraits(input.traits());
                add(now, 0, null, "traits", input.traits().toString());
            } else if (input.clicked() != null) {
                engage(input.clicked(), now, "clicked", (run, message) -> Reaction.toClick(journey, run,
                        message.stepId(), message.messageId()));
            } else if (input.delivered() != null) {
                engage(input.delivered(), now, "delivered", (run, message) -> Reaction.toDelivery(journey, run,
                        message.stepId(), message.messageId()));
            } else if (input.replied() != null) {
                reply(input.replied(), now);
            } else {
                SegmentMessage event = track(input.event(), input.properties(), now);
                add(now, 0, null, "event", event.event() + (event.properties() == null || event.properties().isEmpty()
                        ? "" : " " + event.properties()));
                show(decider.onEvent(journeys, state, event, contact, now), now);
            }
        }

        private void engage(String stepId, Instant now, String what,
                BiFunction<Run, Sent, Optional<Reaction.Resume>> react) {
            Sent message = null;
            for (Sent candidate : sent) {
                if (candidate.stepId().equals(stepId)) {
                    message = candidate;
                }
            }
            if (message == null) {
                add(now, 0, stepId, "input_ignored", what + ": no message of step " + stepId + " was sent");
                return;
            }
            if ("clicked".equals(what)) {
                state.clicked(message.messageId(), now);
                // counted by the hour of day as the engine counts a human click
                clickHours = new ClickHours(clickHours.own().plus(now.atZone(walker.zoneOf(contact)).getHour()),
                        clickHours.country(), clickHours.countryCounts());
            }
            add(now, message.run().number, stepId, what, null);
            Sent engaged = message;
            state.activeRun(message.run().run.id()).flatMap(run -> react.apply(run, engaged)).ifPresent(resume -> {
                state.moved(resume.moved());
                show(List.of(Change.Resumed.of(resume)), now);
            });
        }

        /** An SMS from the contact, recognised as dispatch would (the same keyword table). */
        private void reply(String text, Instant now) {
            add(now, 0, null, "reply", text);
            Reply reply = new Reply("simulated-" + entries.size(), text, Keywords.firstWord(text),
                    keywords.recognise(text).map(Keywords.Match::action).orElse(null), now);
            Optional<Change> change = ReplyDecider.onReply(state, journeys::of, this::lastSent, reply, contact);
            if (change.isPresent()) {
                show(List.of(change.get()), now);
            } else {
                add(now, 0, null, "input_ignored", "reply: no run waits for a reply");
            }
        }

        private Optional<ReplyDecider.Sent> lastSent(Run run, String stepId) {
            ReplyDecider.Sent last = null;
            for (Sent message : sent) {
                if (message.run().run.id().equals(run.id()) && message.stepId().equals(stepId)) {
                    last = new ReplyDecider.Sent(message.messageId(), message.at());
                }
            }
            return Optional.ofNullable(last);
        }

        /** Prints what the engine decided, and keeps the timers it implies. */
        private void show(List<Change> changes, Instant now) {
            for (Change change : changes) {
                if (change instanceof Change.Converted converted) {
                    Touch touch = converted.touch();
                    add(now, runs.get(touch.runId()).number, touch.stepId(), "converted", converted.event()
                            + (touch.isHoldout() ? " in the holdout" : " attributed to step " + touch.stepId())
                            + (touch.variant() == null ? "" : ", variant " + touch.variant())
                            + (converted.revenue() == null ? "" : ", revenue " + converted.revenue().toPlainString()));
                } else if (change instanceof Change.Exited exited) {
                    SimRun run = runs.get(exited.run().id());
                    add(now, run.number, null, "exit_event", exited.cause());
                    end(run, Run.EXITED, exited.reason(), now);
                } else if (change instanceof Change.Resumed resumed) {
                    SimRun run = runs.get(resumed.moved().id());
                    run.run = resumed.moved();
                    add(now, run.number, resumed.stepId(), "resumed", "by " + resumed.cause());
                    walk(run, now);
                } else if (change instanceof Change.Replied replied) {
                    SimRun run = runs.get(replied.moved().id());
                    run.run = replied.moved();
                    add(now, run.number, replied.stepId(), "replied", replied.describe());
                    walk(run, now);
                } else if (change instanceof Change.NotAnswered ignored) {
                    add(now, runs.get(ignored.run().id()).number, ignored.stepId(), "reply_ignored", ignored.why());
                } else if (change instanceof Change.Active active) {
                    inactivityDue = active.dueAt();
                } else if (change instanceof Change.Entered run) {
                    SimRun simRun = new SimRun(runs.size() + 1, run.run());
                    simRun.nextAt = run.firstStepAt(now); // walked below, or by the timer (at once or at an audience's local time)
                    runs.put(run.run().id(), simRun);
                    String key = run.run().runKey();
                    add(now, simRun.number, null, "entered", run.trigger().event() + (key.isEmpty() ? "" : " (key " + key + ")")
                            + (run.throttle() == null ? "" : ", throttled to " + run.throttle().describe()));
                } else if (change instanceof Change.Ignored ignored) {
                    add(now, runs.get(ignored.standing().runId()).number, null, "trigger_ignored",
                            ignored.trigger().event() + ": " + ignored.why());
                } else if (change instanceof Change.Walked walked) {
                    show(runs.get(walked.walk().run().id()), walked.walk(), now);
                } else {
                    throw new IllegalArgumentException("unknown change " + change);
                }
            }
        }

        /** The timer came due: the run takes its next steps, or its webhook call its next attempt. */
        private void walk(SimRun run, Instant now) {
            if (run.call != null) {
                call(run, now);
                return;
            }
            Walk walk = walker.walk(journey, run.run, contact, clickHours, now);
            state.walked(walk, now);
            show(run, walk, now);
        }

        private void show(SimRun run, Walk walk, Instant now) {
            for (Walk.Effect effect : walk.effects()) {
                if (effect instanceof Walk.Send send) {
                    sent.add(new Sent(run, send.stepId(), send.command().messageId(), now));
                    add(now, run.number, send.stepId(), "sent", send.describe());
                    if (heldOut && SendCommand.MARKETING.equals(send.command().category())) {
                        add(now, run.number, send.stepId(), "held_out", "the contact is in the global holdout: "
                                + "dispatch suppresses this marketing message (reason held_out) and the run goes on");
                    }
                } else if (effect instanceof Walk.Update update) {
                    setTraits(update.identify().traits());
                } else if (effect instanceof Walk.Call call) {
                    run.call = call.request();
                    run.attempts = 0;
                } else if (effect instanceof Walk.Note note && !"sent".equals(note.what()) && !"calling".equals(note.what())) {
                    add(now, run.number, note.stepId(), note.what(), note.detail());
                }
            }
            run.run = walk.run();
            if (walk.ended()) {
                end(run, walk.endStatus(), walk.endReason(), now);
            } else {
                run.nextAt = walk.calling() ? now : walk.nextAt();
            }
        }

        /** An attempt of the run's webhook call, answered by the request's stub for its step. */
        private void call(SimRun run, Instant now) {
            WebhookRequest call = run.call;
            run.attempts++;
            add(now, run.number, call.stepId(), "called", call.method() + " " + call.url()
                    + (call.body() == null ? "" : " " + call.body()));
            JsonNode stub = stubs.get(call.stepId());
            WebhookResult result = stub == null
                    ? WebhookResult.unanswered("no answer stubbed for " + call.stepId() + " in the simulation's webhooks")
                    : new WebhookResult.Answered(200, stub.toString());
            WebhookOutcome outcome = WebhookOutcome.of(journey, run.run, result, run.attempts, webhooks.policy(), now);
            state.called(outcome);
            add(now, run.number, call.stepId(), outcome instanceof WebhookOutcome.Answered ? "webhook_answered"
                    : "webhook_failed", outcome.detail());
            if (outcome instanceof WebhookOutcome.Retry retry) {
                run.nextAt = retry.at();
                return;
            }
            Run next;
            if (outcome instanceof WebhookOutcome.Answered answered) {
                next = answered.moved();
            } else if (outcome instanceof WebhookOutcome.GaveUp gaveUp) {
                next = gaveUp.moved();
            } else {
                throw new IllegalStateException("unknown webhook outcome " + outcome);
            }
            run.call = null;
            if (next == null) {
                end(run, Run.EXITED, WebhookOutcome.FAILED, now);
                return;
            }
            run.run = next;
            walk(run, now);
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
