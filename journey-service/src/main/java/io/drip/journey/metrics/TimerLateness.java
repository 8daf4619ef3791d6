package io.drip.journey.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;

/**
 * How late durable timers fire ({@code drip_timer_lateness_seconds} by timer: {@code runs}, the
 * run scheduler's waits; {@code inactivity}, the inactivity triggers): the time from the due time
 * to the moment a worker claimed it. A few hundred milliseconds is the poll interval; more means
 * the workers cannot keep up.
 */
@ApplicationScoped
public class TimerLateness {

    @Inject
    MeterRegistry registry;

    public void fired(String timer, Instant due, Instant now) {
        Duration late = Duration.between(due, now);
        Timer.builder("drip.timer.lateness").description("How late a due timer fired, from its due time")
                .tag("timer", timer).publishPercentileHistogram()
                .register(registry).record(late.isNegative() ? Duration.ZERO : late);
    }
}
