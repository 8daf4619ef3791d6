package io.drip.dispatch.send;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.DeliveryStatus;
import io.drip.contracts.SendCommand;
import io.drip.dispatch.metrics.DispatchMetrics;
import io.drip.dispatch.policy.PolicyFacts;
import io.drip.dispatch.policy.SendPolicy;
import io.drip.dispatch.provider.Providers;
import io.drip.dispatch.route.Carriers;
import io.drip.dispatch.route.Route;
import io.drip.dispatch.route.RouteRates;
import io.drip.dispatch.route.Routes;
import io.drip.dispatch.text.ComplianceText;
import io.drip.dispatch.text.SmsText;
import io.drip.kit.consume.InOrder;
import io.drip.kit.contacts.ContactSnapshots;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides, in the transaction that claimed a batch of due messages, what happens to each now,
 * then stores it all with a few set-based statements. Checked against the contact's latest
 * snapshot and the sending policy, a message is finished (suppressed or failed, with its
 * reason), deferred, waits, or becomes an {@link Attempt} on its route's first available
 * provider (for an MMS, one that sends MMS: {@link Carriers}), once a slot of the route's rate is
 * taken. Marketing text gets its compliance prefix and footer; the text of an SMS as sent is
 * counted in segments (and refused beyond {@code drip.dispatch.max-segments}). The attempts
 * commit before any provider is called.
 */
@ApplicationScoped
public class AttemptPlanner {
    /** How soon a message that waits for its contact's snapshot looks again. */
    private static final Duration CONTACT_RETRY = Duration.ofSeconds(1);
    /** How soon a message looks again when every provider of its route is out. */
    private static final Duration NO_PROVIDER_RETRY = Duration.ofSeconds(1);
    /** The reason of a message longer than drip.dispatch.max-segments. */
    public static final String TOO_LONG = "too_many_segments";

    /** What becomes of one claimed message now. */
    sealed interface Decision {
        Outgoing message();

        /** Finished before any attempt, with a final status and its reason (published). */
        record Finish(Outgoing message, String status, String reason) implements Decision {
        }

        /** Back in the queue until a time, with the reason published as 'queued' (quiet hours…). */
        record Defer(Outgoing message, Instant until, String reason) implements Decision {
        }

        /**
         * Back in the queue for a moment, silently (its snapshot, a provider or a rate slot); the
         * message says whether the wait counts against its age (a rate slot's does not).
         */
        record Wait(Outgoing message, Instant until) implements Decision {
        }

        /** To be attempted now on this route and provider, once a rate slot is taken. */
        record Ready(Outgoing message, String to, SmsText sms, String route, String provider) implements Decision {
        }

        /** Ready, with the rate slot its call holds: attempted now. */
        record Go(Ready ready, RouteRates.Slot slot) implements Decision {
            public Outgoing message() {
                return ready.message();
            }
        }
    }

    @Inject
    OutgoingMessages outgoing;

    @Inject
    ContactSnapshots contacts;

    @Inject
    SendPolicy policy;

    @Inject
    Routes routes;

    @Inject
    RouteRates rates;

    @Inject
    DispatchMetrics metrics;

    @Inject
    Providers providers;

    @Inject
    StatusChanges changes;

    @Inject
    ComplianceText compliance;

    @ConfigProperty(name = "drip.dispatch.contact-wait")
    Duration contactWait;

    @ConfigProperty(name = "drip.dispatch.max-segments")
    int maxSegments;

    /** Plans claimed messages, in their order; returns the attempts committed with the transaction. */
    public Uni<List<Attempt>> planAll(SqlClient tx, List<Outgoing> messages, Instant now) {
        if (messages.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return contacts.findAll(tx, messages.stream().map(Outgoing::contactId).distinct().toList())
                .chain(snapshots -> policy.facts(tx, phones(snapshots), marketingContacts(messages, snapshots), now)
                        .map(facts -> messages.stream().map(m -> decide(m, snapshots.get(m.contactId()), facts, now))
                                .toList()))
                .chain(decisions -> withSlots(tx, decisions, now))
                .chain(decisions -> store(tx, decisions, now));
    }

    private static List<String> phones(Map<String, ContactSnapshot> snapshots) {
        return snapshots.values().stream().map(ContactSnapshot::phone).filter(p -> p != null).distinct().toList();
    }

    private static List<String> marketingContacts(List<Outgoing> messages, Map<String, ContactSnapshot> snapshots) {
        return messages.stream().filter(m -> SendCommand.MARKETING.equals(m.category()))
                .map(Outgoing::contactId).filter(snapshots::containsKey).distinct().toList();
    }

    private Decision decide(Outgoing message, ContactSnapshot contact, PolicyFacts facts, Instant now) {
        if (contact == null) {
            // the snapshot may still be on its way (topics are not ordered with each other)
            return now.isAfter(message.queuedAt().plus(contactWait))
                    ? new Decision.Finish(message, DeliveryStatus.FAILED, "contact_unknown")
                    : new Decision.Wait(message, now.plus(CONTACT_RETRY));
        }
        SendPolicy.Verdict verdict = policy.decide(message, contact, facts, now);
        if (verdict instanceof SendPolicy.Verdict.Defer defer) {
            return new Decision.Defer(message, defer.until(), defer.reason());
        }
        if (verdict instanceof SendPolicy.Verdict.Stop stop) {
            return new Decision.Finish(message, stop.status(), stop.reason());
        }
        return ready(message, contact, now);
    }

    private Decision ready(Outgoing message, ContactSnapshot contact, Instant now) {
        SmsText sms = SmsText.of(SendCommand.MARKETING.equals(message.category())
                ? compliance.apply(message.text(), contact.locale()) : message.text());
        // an MMS carries its text whole, in one message
        if (!message.mms() && sms.segments() > maxSegments) {
            return new Decision.Finish(message, DeliveryStatus.FAILED, TOO_LONG);
        }
        Route route = routes.select(contact.phone(), message.category());
        List<String> carriers = routes.carriers(route, message.category(), message.mms());
        if (carriers.isEmpty()) {
            return new Decision.Finish(message, DeliveryStatus.FAILED, Carriers.MMS_NOT_SUPPORTED);
        }
        // a provider that may have the message already is the only one that cannot send it twice
        List<String> candidates = message.pinnedProvider() != null ? List.of(message.pinnedProvider()) : carriers;
        Optional<String> provider = candidates.stream().filter(p -> providers.available(p, now)).findFirst();
        return provider.<Decision>map(p -> new Decision.Ready(message, contact.phone(), sms, route.name(), p))
                .orElseGet(() -> new Decision.Wait(message, now.plus(NO_PROVIDER_RETRY)));
    }

    /**
     * Takes the rate slots the ready messages need, one statement per route; a message its route
     * has no slot for waits for its turn in the route's queue of its category
     * ({@link RouteRates#queue}), so a route at its rate costs each waiting message about one more
     * claim, not one every moment until a slot frees. Transactional messages are claimed first
     * when their turns come, so they take the next free slots ahead of a marketing blast.
     */
    private Uni<List<Decision>> withSlots(SqlClient tx, List<Decision> decisions, Instant now) {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        decisions.stream().filter(Decision.Ready.class::isInstance).map(d -> ((Decision.Ready) d).route())
                .forEach(route -> wanted.merge(route, 1, Integer::sum));
        Map<String, Deque<RouteRates.Slot>> slots = new HashMap<>();
        return InOrder.each(List.copyOf(wanted.entrySet()), entry -> rates.take(tx, entry.getKey(), entry.getValue())
                        .invoke(taken -> slots.put(entry.getKey(), new ArrayDeque<>(taken))).replaceWithVoid())
                .map(taken -> decisions.stream().map(decision -> {
                    if (!(decision instanceof Decision.Ready ready)) {
                        return decision;
                    }
                    RouteRates.Slot slot = slots.get(ready.route()).poll();
                    return slot != null ? new Decision.Go(ready, slot) : decision;
                }).toList())
                .chain(decided -> withTurns(tx, decided, now));
    }

    /** A route's queue of one category of messages. */
    private record Queue(String route, String category) {
        static Queue of(Decision.Ready ready) {
            return new Queue(ready.route(), ready.message().category());
        }
    }

    /** The ready messages left without a slot wait for their turns, one statement per queue. */
    private Uni<List<Decision>> withTurns(SqlClient tx, List<Decision> decisions, Instant now) {
        Map<Queue, Integer> waiting = new LinkedHashMap<>();
        decisions.stream().filter(Decision.Ready.class::isInstance).map(d -> Queue.of((Decision.Ready) d))
                .forEach(queue -> waiting.merge(queue, 1, Integer::sum));
        Map<Queue, Deque<Instant>> turns = new HashMap<>();
        return InOrder.each(List.copyOf(waiting.entrySet()), entry -> rates.queue(tx, routes.byName(entry.getKey().route()),
                        entry.getKey().category(), entry.getValue())
                        .invoke(given -> turns.put(entry.getKey(), new ArrayDeque<>(given))).replaceWithVoid())
                .map(done -> decisions.stream().map(decision -> {
                    if (!(decision instanceof Decision.Ready ready)) {
                        return decision;
                    }
                    Instant turn = turns.get(Queue.of(ready)).poll();
                    metrics.rateLimited(ready.route(), Duration.between(now, turn));
                    return new Decision.Wait(ready.message().heldBack(now, turn), turn);
                }).toList());
    }

    /** Stores the decisions in a few statements, one per kind of change; returns the attempts. */
    private Uni<List<Attempt>> store(SqlClient tx, List<Decision> decisions, Instant now) {
        List<OutgoingMessages.Sending> sending = new ArrayList<>();
        List<RouteRates.Slot> sendingSlots = new ArrayList<>();
        List<Outgoing> postponed = new ArrayList<>();
        List<Instant> postponedUntil = new ArrayList<>();
        List<String> finished = new ArrayList<>();
        List<String> finalStatuses = new ArrayList<>();
        List<String> finalReasons = new ArrayList<>();
        List<DeliveryStatus> statuses = new ArrayList<>();
        for (Decision decision : decisions) {
            Outgoing message = decision.message();
            if (decision instanceof Decision.Finish finish) {
                finished.add(message.messageId());
                finalStatuses.add(finish.status());
                finalReasons.add(finish.reason());
                statuses.add(new DeliveryStatus(message.messageId(), message.contactId(), finish.status(),
                        finish.reason(), null, null, null, now));
            } else if (decision instanceof Decision.Defer defer) {
                postponed.add(message.heldBack(now, defer.until()));
                postponedUntil.add(defer.until());
                statuses.add(new DeliveryStatus(message.messageId(), message.contactId(), DeliveryStatus.QUEUED,
                        defer.reason(), null, null, null, now));
            } else if (decision instanceof Decision.Wait wait) {
                postponed.add(message);
                postponedUntil.add(wait.until());
            } else if (decision instanceof Decision.Go go) {
                Decision.Ready ready = go.ready();
                sending.add(new OutgoingMessages.Sending(message, ready.to(), ready.sms(), ready.route(),
                        ready.provider()));
                sendingSlots.add(go.slot());
            } else {
                throw new IllegalStateException(message.messageId() + " was left without a rate slot decision");
            }
        }
        return outgoing.markFinalAll(tx, finished, finalStatuses, finalReasons, Collections.nCopies(finished.size(), now))
                .chain(() -> outgoing.postponeAll(tx, postponed, postponedUntil))
                .chain(() -> changes.publishAll(tx, statuses))
                .chain(() -> outgoing.markSendingAll(tx, sending, now))
                .map(numbers -> {
                    List<Attempt> attempts = new ArrayList<>();
                    for (int i = 0; i < sending.size(); i++) {
                        OutgoingMessages.Sending s = sending.get(i);
                        attempts.add(new Attempt(s.message(), s.to(), s.sms(), s.route(), s.provider(),
                                numbers.get(s.message().messageId()), sendingSlots.get(i)));
                    }
                    return attempts;
                });
    }
}
