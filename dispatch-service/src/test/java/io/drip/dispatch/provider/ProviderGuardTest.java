package io.drip.dispatch.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A provider's guard: its lanes bound the calls in flight, and the timeout counts the wait for one. */
@QuarkusTest
class ProviderGuardTest {

    @Inject
    Providers providers;

    @ConfigProperty(name = "drip.dispatch.provider-timeout")
    Duration timeout;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    /** A call that takes this long and counts the calls running meanwhile. */
    private Uni<Accepted> call(Duration takes, String id) {
        return Uni.createFrom().voidItem()
                .invoke(() -> maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max))
                .onItem().delayIt().by(takes)
                .map(done -> new Accepted(id, null))
                .onTermination().invoke(inFlight::decrementAndGet);
    }

    private CompletableFuture<Accepted> submit(TypedGuard<Uni<Accepted>> guard, Duration takes, String id) {
        return providers.submit(guard, "probe", () -> call(takes, id)).subscribeAsCompletionStage();
    }

    @Test
    void aProviderHasNoMoreCallsInFlightThanItsLanesAndTheOthersWaitTheirTurn() {
        TypedGuard<Uni<Accepted>> guard = providers.guard("probe-" + UUID.randomUUID(), 2);
        List<CompletableFuture<Accepted>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(submit(guard, Duration.ofMillis(300), "id-" + i));
        }
        for (int i = 0; i < 6; i++) {
            assertEquals("id-" + i, calls.get(i).join().providerMessageId(), "every call is made in its turn");
        }
        assertEquals(2, maxInFlight.get(), "two lanes: two calls at once, never more");
    }

    @Test
    void theTimeoutCountsTheWaitForALaneSoNoCallEndsLaterThanATimeoutAfterItWasMade() {
        TypedGuard<Uni<Accepted>> guard = providers.guard("probe-" + UUID.randomUUID(), 1);
        // the first holds the only lane for 90 % of the timeout; the second would end at 110 %
        CompletableFuture<Accepted> first = submit(guard, timeout.multipliedBy(9).dividedBy(10), "first");
        CompletableFuture<Accepted> second = submit(guard, timeout.dividedBy(5), "second");
        assertEquals("first", first.join().providerMessageId());
        CompletionException failed = assertThrows(CompletionException.class, second::join);
        ProviderException error = assertInstanceOf(ProviderException.class, failed.getCause());
        assertEquals(ProviderException.Kind.UNKNOWN, error.kind(), "it may have reached the provider: unknown outcome");
        assertEquals("provider_timeout", error.reason());
    }

    @Test
    void aCallThatTimesOutBeforeItsTurnWasNeverMadeAndIsTransient() {
        TypedGuard<Uni<Accepted>> guard = providers.guard("probe-" + UUID.randomUUID(), 1);
        CompletableFuture<Accepted> running = submit(guard, timeout.multipliedBy(2), "running");
        CompletableFuture<Accepted> waiting = submit(guard, Duration.ofMillis(10), "waiting");
        ProviderException runningError = assertInstanceOf(ProviderException.class,
                assertThrows(CompletionException.class, running::join).getCause());
        ProviderException waitingError = assertInstanceOf(ProviderException.class,
                assertThrows(CompletionException.class, waiting::join).getCause());
        assertEquals(ProviderException.Kind.UNKNOWN, runningError.kind(), "the running call may have reached the provider");
        assertEquals(ProviderException.Kind.TRANSIENT, waitingError.kind(), "the waiting call was never made");
        assertEquals("provider_busy", waitingError.reason());
        assertEquals(1, maxInFlight.get(), "only the running call was made");
    }
}
