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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The providers, each behind its own circuit breaker (SmallRye Fault Tolerance): a provider
 * whose recent calls mostly failed (transient or unknown outcome; permanent refusals of one
 * message do not count) is taken out for {@code drip.dispatch.circuit.delay}, then tried again
 * with one call. The breakers are per replica: each one learns a provider's health by itself.
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

    private final Map<String, SmsProvider> byName = new ConcurrentHashMap<>();
    private final Map<String, TypedGuard<Uni<Accepted>>> guards = new ConcurrentHashMap<>();
    /** When each provider's breaker opened, while it is open. */
    private final Map<String, Instant> openSince = new ConcurrentHashMap<>();

    @PostConstruct
    void load() {
        for (SmsProvider provider : beans) {
            byName.put(provider.name(), provider);
            guards.put(provider.name(), guard(provider.name()));
        }
    }

    private TypedGuard<Uni<Accepted>> guard(String name) {
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
     * Submits through the provider's breaker, bounded by {@code drip.dispatch.provider-timeout}
     * (a call that times out has an unknown outcome). An open breaker fails with
     * {@link org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException}.
     */
    public Uni<Accepted> submit(String name, Submission submission) {
        SmsProvider provider = byName.get(name);
        return guards.get(name).get(() -> provider.submit(submission)
                .ifNoItem().after(timeout).failWith(() -> ProviderException.unknownOutcome("provider_timeout",
                        name + " did not answer within " + timeout, null)));
    }
}
