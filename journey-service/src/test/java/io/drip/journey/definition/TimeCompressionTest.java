package io.drip.journey.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.StringReader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeCompressionTest {
    private static final String YAML = """
            journey: compressed
            trigger: {inactive: {for: 30d}}
            reentry: {after: 7d}
            goal: {event: Order Completed, within: 3d}
            steps:
              - wait: 2h
              - id: hello
                send: {channel: sms, category: marketing, text: "Hi"}
              - wait_for: {clicked: hello, within: 1d}
              - wait: {until: "10:00"}
              - send: {channel: sms, category: marketing, text: "Bye"}
            """;

    @Test
    void everyDurationIsDividedAndLocalTimesStay() {
        JourneyDefinition journey = JourneyReader.read("c.yaml", new StringReader(YAML));
        JourneyDefinition compressed = journey.compressed(60);
        assertEquals(Duration.ofHours(12), compressed.trigger().inactiveFor());
        assertEquals(Duration.ofMinutes(168), compressed.reentry().after());
        assertEquals(Duration.ofMinutes(72), compressed.goal().within());
        assertEquals(new WaitTime.Delay(Duration.ofMinutes(2)), ((WaitStep) compressed.step(0)).time());
        assertEquals(Duration.ofMinutes(24), ((WaitForStep) compressed.step(2)).within());
        assertSame(journey.step(3), compressed.step(3), "wait until 10:00 is a local time, not a duration");
        assertSame(journey, journey.compressed(1));
    }

    @Test
    void anAudiencesSpreadIsDividedAndItsScheduleStays() {
        JourneyDefinition journey = JourneyReader.read("c.yaml", new StringReader(YAML.replace("{inactive: {for: 30d}}",
                "{audience: {segment: vip, every: {month: 1, at: \"10:00\"}, local_time: true, spread: 2h}}")));
        Audience compressed = journey.compressed(60).trigger().audience();
        assertEquals(Duration.ofMinutes(2), compressed.spread());
        assertEquals(journey.trigger().audience().every(), compressed.every());
        assertEquals(true, compressed.localTime());
    }
}
