package io.drip.dispatch.send;

import io.drip.contracts.DeliveryStatus;
import io.drip.dispatch.policy.UndeliverableNumbers;
import io.drip.dispatch.provider.Accepted;
import io.drip.dispatch.provider.Price;
import io.drip.dispatch.provider.ProviderException;
import io.drip.dispatch.provider.Providers;
import io.drip.dispatch.provider.Recovery;
import io.drip.dispatch.route.RouteRates;
import io.drip.dispatch.route.Routes;
import io.drip.kit.consume.InOrder;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * Records what became of an attempt: sent; back in the queue after a transient failure, with
 * exponential backoff and jitter, until {@code drip.dispatch.retry.max-attempts}; failed for
 * good on a permanent error (and the number marked undeliverable when the error is the
 * number's). An outcome the provider cannot tell (a timeout) is settled as after a crash.
 */
@ApplicationScoped
public class AttemptOutcomes {
    private static final Logger LOG = Logger.getLogger(AttemptOutcomes.class);
    public static final String OUTCOME_UNKNOWN = "outcome_unknown";

    @Inject
    OutgoingMessages outgoing;

    @Inject
    StatusChanges changes;

    @Inject
    UndeliverableNumbers undeliverable;

    @Inject
    Providers providers;

    @Inject
    Receipts receipts;

    @Inject
    Routes routes;

    @Inject
    RouteRates rates;

    @ConfigProperty(name = "drip.dispatch.retry.max-attempts")
    int maxAttempts;

    @ConfigProperty(name = "drip.dispatch.retry.initial-backoff")
    Duration initialBackoff;

    @ConfigProperty(name = "drip.dispatch.retry.max-backoff")
    Duration maxBackoff;

    /**
     * Records how a group of calls ended, in one transaction: their rate slots freed, the messages
     * providers took marked sent in a few statements, each failure handled in turn.
     */
    public Uni<Void> recordAll(SqlClient tx, List<Called> calls, Instant now) {
        List<RouteRates.Slot> slots = calls.stream().map(c -> c.attempt().slot()).filter(Objects::nonNull).toList();
        List<Called.Taken> taken = calls.stream().filter(Called.Taken.class::isInstance).map(Called.Taken.class::cast)
                .toList();
        List<Called.Refused> refused = calls.stream().filter(Called.Refused.class::isInstance)
                .map(Called.Refused.class::cast).toList();
        return rates.releaseAll(tx, slots)
                .chain(() -> acceptedAll(tx, taken, now))
                .chain(() -> InOrder.each(refused, r -> failed(tx, r.attempt(), r.failure(), r.recovery(), now)));
    }

    private Uni<Void> acceptedAll(SqlClient tx, List<Called.Taken> taken, Instant now) {
        List<OutgoingMessages.Sent> sent = taken.stream().map(this::sent).toList();
        return outgoing.markSentAll(tx, sent, now).chain(recorded -> {
            List<DeliveryStatus> statuses = new ArrayList<>();
            List<String> providers = new ArrayList<>();
            List<String> providerIds = new ArrayList<>();
            for (int i = 0; i < taken.size(); i++) {
                Attempt attempt = taken.get(i).attempt();
                OutgoingMessages.Sent s = sent.get(i);
                if (!recorded.contains(s.messageId())) {
                    LOG.warnf("%s was accepted by %s after it was settled otherwise", s.messageId(), s.provider());
                    continue;
                }
                statuses.add(new DeliveryStatus(s.messageId(), attempt.message().contactId(), DeliveryStatus.SENT, null,
                        s.provider(), s.providerMessageId(), s.segments(), now,
                        s.cost() == null ? null : s.cost().amount(), s.cost() == null ? null : s.cost().currency()));
                providers.add(s.provider());
                providerIds.add(s.providerMessageId());
            }
            return changes.publishAll(tx, statuses).chain(() -> receipts.applyParked(tx, providers, providerIds));
        });
    }

    /** What is recorded of a message a provider took. */
    private OutgoingMessages.Sent sent(Called.Taken taken) {
        Attempt attempt = taken.attempt();
        Accepted accepted = taken.accepted();
        // the provider's count wins (it bills by it); else Drip's own
        Integer segments = accepted.segments() != null ? accepted.segments() : attempt.message().segments(attempt.sms());
        // likewise its price; else the route's cost per MMS or per segment, when configured
        Price cost = accepted.price() != null ? accepted.price()
                : routes.cost(attempt.route(), segments, attempt.message().mms()).orElse(null);
        return new OutgoingMessages.Sent(attempt.message().messageId(), attempt.provider(), accepted.providerMessageId(),
                segments, cost);
    }

    /**
     * What the provider can tell of a call whose outcome it left unknown (a timeout), null for any
     * other outcome. Asked before the transaction that records the outcome: the provider may take
     * as long as a call to answer (Twilio's message list), and no connection waits for it.
     */
    public Uni<Recovery> askIfUnknown(Attempt attempt, Throwable failure) {
        return failure instanceof ProviderException error && error.kind() == ProviderException.Kind.UNKNOWN
                ? providers.find(attempt.provider()).orElseThrow().recover(attempt.submission(),
                        attempt.message().createdAt())
                : Uni.createFrom().nullItem();
    }

    /** @param recovery what {@link #askIfUnknown} found, for a failure of unknown outcome */
    public Uni<Void> failed(SqlClient tx, Attempt attempt, Throwable failure, Recovery recovery, Instant now) {
        if (failure instanceof CircuitBreakerOpenException) {
            // the provider was not called: plan again at once, on the next available provider
            return outgoing.retryAt(tx, attempt.message().messageId(), now, false);
        }
        ProviderException error = failure instanceof ProviderException e ? e
                : ProviderException.transientFailure("provider_error", failure.toString(), failure);
        return switch (error.kind()) {
            case TRANSIENT -> retry(tx, attempt, error.reason(), now);
            case PERMANENT -> permanent(tx, attempt, error, now);
            case UNKNOWN -> settle(tx, attempt, recovery, error.reason(), now);
        };
    }

    /** Settles an attempt whose outcome the call did not tell (a timeout, or a crash). */
    public Uni<Void> settle(SqlClient tx, Attempt attempt, Recovery recovery, String reason, Instant now) {
        return switch (recovery.outcome()) {
            case ACCEPTED -> acceptedAll(tx, List.of(new Called.Taken(attempt,
                    new Accepted(recovery.providerMessageId(), null))), now);
            case NOT_TAKEN -> retry(tx, attempt, reason, now);
            case DEDUPLICATED -> outgoing.pinProvider(tx, attempt.message().messageId(), attempt.provider())
                    .chain(() -> retry(tx, attempt, reason, now));
            case UNKNOWN -> fail(tx, attempt, DeliveryStatus.FAILED, OUTCOME_UNKNOWN, now);
        };
    }

    private Uni<Void> retry(SqlClient tx, Attempt attempt, String reason, Instant now) {
        Outgoing message = attempt.message();
        if (attempt.number() >= maxAttempts) {
            return fail(tx, attempt, DeliveryStatus.FAILED, reason, now);
        }
        return outgoing.retryAt(tx, message.messageId(), now.plus(backoff(attempt.number())), true)
                .chain(() -> changes.publish(tx, new DeliveryStatus(message.messageId(), message.contactId(),
                        DeliveryStatus.QUEUED, reason, attempt.provider(), null, null, now)));
    }

    private Uni<Void> permanent(SqlClient tx, Attempt attempt, ProviderException error, Instant now) {
        Uni<Void> number = error.numberUndeliverable()
                ? undeliverable.mark(tx, attempt.to(), error.reason(), attempt.provider(), now)
                : Uni.createFrom().voidItem();
        return number.chain(() -> fail(tx, attempt, DeliveryStatus.FAILED, error.reason(), now));
    }

    private Uni<Void> fail(SqlClient tx, Attempt attempt, String status, String reason, Instant now) {
        Outgoing message = attempt.message();
        return outgoing.markFinal(tx, message.messageId(), status, reason, now)
                .chain(() -> changes.publish(tx, new DeliveryStatus(message.messageId(), message.contactId(), status,
                        reason, attempt.provider(), null, null, now)));
    }

    /**
     * Exponential backoff with jitter: the n-th retry waits between half and all of
     * min(max, initial · 2^(n-1)), so retries of many messages spread out.
     */
    Duration backoff(int attempt) {
        long ceiling = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt - 1, 30));
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }
}
