package io.drip.dispatch.provider;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The providers, each behind its own guard (SmallRye Fault Tolerance). Its bulkhead lets the
 * provider take {@link ProviderLanes} calls at once from this replica; the others wait for a
 * lane, in order. Its circuit breaker takes out a provider whose recent calls mostly failed
 * (transient or unknown outcome; permanent refusals of one message do not count) for
 * {@code drip.dispatch.circuit.delay}, then tries it again with one call. Guards are per replica:
 * each one learns a provider's health by itself.
 */
@ApplicationScoped
public class Providers {
    private static final Logger LOG = Logger.getLogger(Providers.class);

    @Inject
    @Any
    Instance<SmsProvider> beans;

    @ConfigProperty(name = "drip.dispatch.circuit.window")
    int window;

    @ConfigProperty(name = "drip.dispatch.circuit.failure-ratio")
    double failureRatio;

    @ConfigProperty(name = "drip.dispatch.circuit.delay")
    Duration delay;

    @ConfigProperty(name = "drip.dispatch.provider-timeout")
    Duration timeout;

    @ConfigProperty(name = "drip.dispatch.lanes")
    int lanes;

    @Inject
    ProviderLanes providerLanes;

    private final Map<String, SmsProvider> byName = new ConcurrentHashMap<>();
    private final Map<String, TypedGuard<Uni<Accepted>>> guards = new ConcurrentHashMap<>();
    /** When each provider's breaker opened, while it is open. */
    private final Map<String, Instant> openSince = new ConcurrentHashMap<>();

    @PostConstruct
    void load() {
        for (SmsProvider provider : beans) {
            byName.put(provider.name(), provider);
            guards.put(provider.name(), guard(provider.name(), providerLanes.of(provider.name(), lanes)));
        }
    }

    /**
     * The timeout counts from when the call joined the queue for a lane, not from its start, so a
     * call is never made later than a timeout after it was planned: the lease of a message
     * 'sending' ({@code drip.dispatch.sending-lease}) outlasts it, and recovery never settles a call
     * still to come.
     */
    TypedGuard<Uni<Accepted>> guard(String name, int providerLanes) {
        return TypedGuard.create(new TypeLiteral<Uni<Accepted>>() {
                })
                .withCircuitBreaker()
                .name("provider-" + name)
                .requestVolumeThreshold(window)
                .failureRatio(failureRatio)
                .delay(delay.toMillis(), ChronoUnit.MILLIS)
                .when(failure -> !(failure instanceof ProviderException e) || e.kind() != ProviderException.Kind.PERMANENT)
                .onStateChange(state -> {
                    LOG.infof("provider %s: circuit %s", name, state);
                    if (state == CircuitBreakerState.OPEN) {
                        openSince.put(name, Instant.now());
                    } else {
                        openSince.remove(name);
                    }
                })
                .done()
                .withTimeout()
                .duration(timeout.toMillis(), ChronoUnit.MILLIS)
                .done()
                // the lanes bound the calls waiting, so none is ever refused for want of room
                .withBulkhead()
                .limit(providerLanes)
                .queueSize(Math.max(1, lanes))
                .done()
                .build();
    }

    public Optional<SmsProvider> find(String name) {
        return Optional.ofNullable(byName.get(name)).filter(SmsProvider::configured);
    }

    /**
     * False while the provider's breaker is open and its delay has not run out; after the delay
     * the next call is the breaker's trial.
     */
    public boolean available(String name, Instant now) {
        Instant opened = openSince.get(name);
        return opened == null || !now.isBefore(opened.plus(delay));
    }

    /**
     * Submits through the provider's guard, bounded by {@code drip.dispatch.provider-timeout} from
     * when the call joined the queue for a lane. An open breaker fails with
     * {@link org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException}.
     */
    public Uni<Accepted> submit(String name, Submission submission) {
        SmsProvider provider = byName.get(name);
        return submit(guards.get(name), name, () -> provider.submit(submission));
    }

    /**
     * A call through the given guard (tests probe guards of their own). A call that timed out
     * before its turn for a lane came was never made: transient, retried on any provider, where
     * one that timed out while running may have reached the provider: unknown outcome.
     */
    Uni<Accepted> submit(TypedGuard<Uni<Accepted>> guard, String name, Supplier<Uni<Accepted>> call) {
        AtomicBoolean started = new AtomicBoolean();
        return guard.get(() -> Uni.createFrom().deferred(() -> {
                    started.set(true);
                    return call.get();
                }))
                .onFailure(TimeoutException.class).transform(e -> started.get()
                        ? ProviderException.unknownOutcome("provider_timeout", name + " did not answer within " + timeout, e)
                        : ProviderException.transientFailure("provider_busy",
                                name + " had no free lane within " + timeout, e));
    }
}
