package io.drip.contact.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.kit.web.InvalidRequestException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SegmentRequestReaderTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void correctsTheDeviceClockBySentAtSkew() {
        // the device clock is 5 minutes fast: the event happened 1 minute before it was sent
        var message = SegmentRequestReader.read("track", """
                {"userId":"u1","event":"Signed Up","timestamp":"2026-11-25T10:04:00Z","sentAt":"2026-11-25T10:05:00Z"}""",
                RECEIVED);
        assertEquals(Instant.parse("2026-11-25T09:59:00Z"), message.timestamp());
        assertEquals(RECEIVED, message.receivedAt());
    }

    @Test
    void withoutATimestampTheEventHappenedOnReceipt() {
        var message = SegmentRequestReader.read("identify", "{\"anonymousId\":\"a1\"}", RECEIVED);
        assertEquals(RECEIVED, message.timestamp());
        assertEquals("a1", message.contactId());
        assertNotNull(message.messageId(), "a messageId is generated when the backend sent none");
    }

    @Test
    void namesTheFieldThatIsWrong() {
        assertField("/userId", "track", "{\"event\":\"X\"}");
        assertField("/event", "track", "{\"userId\":\"u\"}");
        assertField("/timestamp", "track", "{\"userId\":\"u\",\"event\":\"X\",\"timestamp\":\"yesterday\"}");
        assertField("/traits", "identify", "{\"userId\":\"u\",\"traits\":[1]}");
        assertField("/traits/timezone", "identify", "{\"userId\":\"u\",\"traits\":{\"timezone\":\"Mars/Base\"}}");
    }

    @Test
    void saysWhereJsonIsBroken() {
        var error = assertThrows(InvalidRequestException.class,
                () -> SegmentRequestReader.read("track", "{\"userId\":\n\"u\",,}", RECEIVED));
        assertTrue(error.getMessage().contains("line 2"), error.getMessage());
    }

    private static void assertField(String field, String type, String body) {
        var error = assertThrows(InvalidRequestException.class, () -> SegmentRequestReader.read(type, body, RECEIVED));
        assertEquals(field, error.field(), error.getMessage());
    }
}
