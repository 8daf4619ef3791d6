package io.drip.journey.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drip.contracts.SegmentMessage;
import io.drip.kit.consume.Traced;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which events of a batch wait for their contact's snapshot, decided without a database. */
class TrackEventsSplitTest {
    private static final Set<String> READS_CONTACT = Set.of("Signed Up");

    private static Traced<SegmentMessage> track(String contactId, String event) {
        return new Traced<>(new SegmentMessage(SegmentMessage.TRACK, contactId + ":" + event, contactId, null, event, null,
                null, null, null, Instant.now(), null, null), null);
    }

    private static List<String> names(List<Traced<SegmentMessage>> events) {
        return events.stream().map(e -> e.message().contactId() + ":" + e.message().event()).toList();
    }

    private static TrackEvents.Split split(Set<String> known, Set<String> waiting, List<Traced<SegmentMessage>> events) {
        return TrackEvents.split(events, known, waiting, READS_CONTACT::contains);
    }

    @Test
    void aTriggerThatReadsAnUnknownContactWaitsAndTheContactsLaterEventsWaitBehindIt() {
        var split = split(Set.of(), Set.of(), List.of(track("a", "Viewed"), track("a", "Signed Up"), track("a", "Ordered")));
        assertEquals(List.of("a:Viewed"), names(split.now()), "before the trigger nothing waits");
        assertEquals(List.of("a:Signed Up", "a:Ordered"), names(split.held()));
    }

    @Test
    void aKnownContactNeverWaits() {
        var split = split(Set.of("a"), Set.of(), List.of(track("a", "Signed Up"), track("a", "Ordered")));
        assertEquals(List.of("a:Signed Up", "a:Ordered"), names(split.now()));
        assertEquals(List.of(), names(split.held()));
    }

    @Test
    void anEventOfAContactWithEventsWaitingFromAnEarlierBatchWaitsToo() {
        var split = split(Set.of(), Set.of("a"), List.of(track("a", "Ordered"), track("b", "Ordered")));
        assertEquals(List.of("b:Ordered"), names(split.now()));
        assertEquals(List.of("a:Ordered"), names(split.held()));
    }

    @Test
    void aContactWhoseSnapshotCameWhileItsEventsWaitKeepsWaitingUntilTheyAreReleased() {
        var split = split(Set.of("a"), Set.of("a"), List.of(track("a", "Ordered")));
        assertEquals(List.of(), names(split.now()));
        assertEquals(List.of("a:Ordered"), names(split.held()));
    }
}
