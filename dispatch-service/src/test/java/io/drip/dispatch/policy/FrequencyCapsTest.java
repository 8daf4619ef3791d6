package io.drip.dispatch.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The caps per tag as docs/sending.md configures them: one abandoned-cart SMS per 48 hours, and
 * three promotions per business line in 30 days plus one marked urgent; the caps per contact off.
 */
class FrequencyCapsTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    private record Cap(int max, Duration per, int urgent) implements CapsConfig.TagCap {
    }

    private record Config(int perDay, int per30Days, Duration minGap, Map<String, CapsConfig.TagCap> tags)
            implements CapsConfig {
    }

    private final FrequencyCaps caps = new FrequencyCaps(new Config(0, 0, Duration.ZERO, Map.of(
            "abandoned_cart", new Cap(1, Duration.ofHours(48), 0),
            "promo", new Cap(3, Duration.ofDays(30), 1))));

    private static CapUsage sent(List<CapUsage.Tagged> messages) {
        return CapUsage.NONE.withTagged(messages);
    }

    private static CapUsage.Tagged ago(Duration ago, String... tags) {
        return new CapUsage.Tagged(NOW.minus(ago), List.of(tags));
    }

    @Test
    void aSecondAbandonedCartWithin48HoursIsCappedAndOneAfterPasses() {
        assertEquals(Optional.of("cap_tag:abandoned_cart"), caps.breached(
                sent(List.of(ago(Duration.ofHours(47), "abandoned_cart"))), List.of("abandoned_cart"), NOW));
        assertEquals(Optional.empty(), caps.breached(
                sent(List.of(ago(Duration.ofHours(49), "abandoned_cart"))), List.of("abandoned_cart"), NOW));
    }

    @Test
    void anotherTagAndAnUntaggedMessageAreNotCountedAgainstIt() {
        CapUsage usage = sent(List.of(ago(Duration.ofHours(1), "abandoned_cart")));
        assertEquals(Optional.empty(), caps.breached(usage, List.of("promo:shoes"), NOW));
        assertEquals(Optional.empty(), caps.breached(usage, List.of(), NOW));
        assertEquals(Optional.empty(), caps.breached(usage, List.of("welcome"), NOW), "a tag without a cap");
    }

    @Test
    void promotionsAreCountedPerBusinessLine() {
        CapUsage shoes = sent(List.of(ago(Duration.ofDays(1), "promo:shoes"), ago(Duration.ofDays(2), "promo:shoes"),
                ago(Duration.ofDays(3), "promo:shoes")));
        assertEquals(Optional.of("cap_tag:promo"), caps.breached(shoes, List.of("promo:shoes"), NOW));
        assertEquals(Optional.empty(), caps.breached(shoes, List.of("promo:bags"), NOW));
    }

    @Test
    void anUrgentMessageGoesPastTheCapOnceOnly() {
        List<CapUsage.Tagged> three = List.of(ago(Duration.ofDays(1), "promo:shoes"),
                ago(Duration.ofDays(2), "promo:shoes"), ago(Duration.ofDays(3), "promo:shoes"));
        List<String> urgent = List.of("promo:shoes", "urgent");
        assertEquals(Optional.empty(), caps.breached(sent(three), urgent, NOW));
        CapUsage afterUrgent = sent(three).plusOne(NOW, urgent);
        assertEquals(Optional.of("cap_tag:promo"), caps.breached(afterUrgent, urgent, NOW.plusSeconds(60)));
        assertEquals(Optional.of("cap_tag:promo"), caps.breached(afterUrgent, List.of("promo:shoes"), NOW.plusSeconds(60)));
    }

    @Test
    void urgencyDoesNotLiftACapWithoutAnUrgentAllowance() {
        CapUsage usage = sent(List.of(ago(Duration.ofHours(1), "abandoned_cart")));
        assertEquals(Optional.of("cap_tag:abandoned_cart"),
                caps.breached(usage, List.of("abandoned_cart", "urgent"), NOW));
    }

    @Test
    void theCapsPerContactComeFirst() {
        FrequencyCaps daily = new FrequencyCaps(new Config(1, 0, Duration.ZERO,
                Map.of("promo", new Cap(3, Duration.ofDays(30), 1))));
        CapUsage oneToday = new CapUsage(1, 1, NOW.minusSeconds(3600), List.of());
        assertEquals(Optional.of(FrequencyCaps.DAILY), daily.breached(oneToday, List.of("promo:shoes", "urgent"), NOW));
    }
}
