package io.drip.contact.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.drip.kit.consume.Traced;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivityRunsTest {

    @Test
    void anIdentifyOrAliasStandsAloneWhereItIsBetweenRunsOfActivity() {
        List<Traced<SegmentMessage>> batch = List.of(message("track", "t1"), message("page", "p1"),
                message("identify", "i1"), message("track", "t2"), message("alias", "a1"), message("alias", "a2"),
                message("track", "t3"));

        List<List<String>> runs = ActivityRuns.of(batch).stream()
                .map(run -> run.stream().map(m -> m.message().messageId()).toList()).toList();

        assertEquals(List.of(List.of("t1", "p1"), List.of("i1"), List.of("t2"), List.of("a1"), List.of("a2"),
                List.of("t3")), runs);
    }

    @Test
    void identifiesNextToEachOtherAreOneRunAndAnAliasEndsIt() {
        List<Traced<SegmentMessage>> batch = List.of(message("identify", "i1"), message("identify", "i2"),
                message("alias", "a1"), message("identify", "i3"), message("track", "t1"), message("identify", "i4"));

        List<List<String>> runs = ActivityRuns.of(batch).stream()
                .map(run -> run.stream().map(m -> m.message().messageId()).toList()).toList();

        assertEquals(List.of(List.of("i1", "i2"), List.of("a1"), List.of("i3"), List.of("t1"), List.of("i4")), runs);
    }

    @Test
    void aBatchOfTracksIsOneRun() {
        assertEquals(1, ActivityRuns.of(List.of(message("track", "t1"), message("track", "t2"))).size());
        assertEquals(List.of(), ActivityRuns.of(List.of()));
    }

    private static Traced<SegmentMessage> message(String type, String id) {
        String json = switch (type) {
            case "track" -> "{\"type\":\"track\",\"messageId\":\"%s\",\"userId\":\"u\",\"event\":\"Viewed\"}";
            case "page" -> "{\"type\":\"page\",\"messageId\":\"%s\",\"userId\":\"u\",\"name\":\"Home\"}";
            case "alias" -> "{\"type\":\"alias\",\"messageId\":\"%s\",\"userId\":\"u\",\"previousId\":\"anon\"}";
            default -> "{\"type\":\"identify\",\"messageId\":\"%s\",\"userId\":\"u\",\"traits\":{}}";
        };
        return new Traced<>(MessageJson.read(json.formatted(id), SegmentMessage.class), null);
    }
}
