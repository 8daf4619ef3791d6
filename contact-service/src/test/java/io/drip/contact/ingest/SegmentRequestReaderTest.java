package io.drip.contact.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.kit.web.InvalidRequestException;
import io.drip.kit.web.PayloadTooLargeException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentRequestReaderTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-25T10:00:00Z");

    private static ObjectNode json(String body) {
        return SegmentRequestReader.parse(body.getBytes(StandardCharsets.UTF_8), SegmentRequestReader.MAX_BATCH_BYTES);
    }

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
    void aBatchesSentAtCorrectsEveryMessageThatHasNoneOfItsOwn() {
        // analytics-python: timestamps with +00:00 offsets and microseconds, sentAt on the batch
        var messages = SegmentRequestReader.readBatch(json("""
                {"batch":[
                  {"type":"track","userId":"u1","event":"A","timestamp":"2026-11-25T10:04:00.500000+00:00"},
                  {"type":"track","userId":"u1","event":"B","timestamp":"2026-11-25T10:04:30+00:00",
                   "sentAt":"2026-11-25T10:04:30+00:00"}],
                 "sentAt":"2026-11-25T10:05:00.000000+00:00"}"""), RECEIVED).messages();
        assertEquals(Instant.parse("2026-11-25T09:59:00.500Z"), messages.get(0).timestamp());
        assertEquals(RECEIVED, messages.get(1).timestamp(), "its own sentAt wins over the batch's");
    }

    @Test
    void withoutATimestampTheEventHappenedOnReceipt() {
        var message = SegmentRequestReader.read("identify", "{\"anonymousId\":\"a1\"}", RECEIVED);
        assertEquals(RECEIVED, message.timestamp());
        assertEquals("a1", message.contactId());
        assertNotNull(message.messageId(), "a messageId is generated when the backend sent none");
    }

    @Test
    void theBatchContextIsMergedUnderEachMessagesOwn() {
        var messages = SegmentRequestReader.readBatch(json("""
                {"batch":[{"type":"identify","userId":"u1","context":{"locale":"fr-FR"}}],
                 "context":{"locale":"en-US","timezone":"Europe/Paris"}}"""), RECEIVED).messages();
        assertEquals("fr-FR", messages.get(0).context().get("locale").asText());
        assertEquals("Europe/Paris", messages.get(0).context().get("timezone").asText());
    }

    @Test
    void groupAndScreenCallsAreAcceptedAndSkipped() {
        var messages = SegmentRequestReader.readBatch(json("""
                {"batch":[{"type":"group","userId":"u1","groupId":"g"},{"type":"screen","userId":"u1","name":"Home"},
                          {"type":"page","userId":"u1","name":"Pricing"}]}"""), RECEIVED).messages();
        assertEquals(List.of("page"), messages.stream().map(m -> m.type()).toList());
    }

    @Test
    void aliasNeedsBothIds() {
        var alias = SegmentRequestReader.read("alias", "{\"previousId\":\"anon-1\",\"userId\":\"u1\"}", RECEIVED);
        assertEquals("anon-1", alias.previousId());
        assertField("/previousId", "alias", "{\"userId\":\"u1\"}");
        assertField("/userId", "alias", "{\"anonymousId\":\"a\",\"previousId\":\"p\"}");
    }

    @Test
    void namesTheFieldThatIsWrong() {
        assertField("/userId", "track", "{\"event\":\"X\"}");
        assertField("/event", "track", "{\"userId\":\"u\"}");
        assertField("/timestamp", "track", "{\"userId\":\"u\",\"event\":\"X\",\"timestamp\":\"yesterday\"}");
        assertField("/traits", "identify", "{\"userId\":\"u\",\"traits\":[1]}");
        assertField("/traits/timezone", "identify", "{\"userId\":\"u\",\"traits\":{\"timezone\":\"Mars/Base\"}}");
        // drip.events.v1's schema allows event names of up to 200 characters
        var tooLong = assertThrows(InvalidRequestException.class, () -> SegmentRequestReader.read("track",
                "{\"userId\":\"u\",\"event\":\"" + "E".repeat(201) + "\"}", RECEIVED));
        assertEquals("/event", tooLong.field());
        assertTrue(tooLong.getMessage().contains("200"), tooLong.getMessage());
        assertEquals("E".repeat(200), SegmentRequestReader.read("track",
                "{\"userId\":\"u\",\"event\":\"" + "E".repeat(200) + "\"}", RECEIVED).event());
    }

    @Test
    void aWrongContextTimezoneIsDroppedWithAWarningNotTheMessage() {
        var request = SegmentRequestReader.readBatch(json("""
                {"batch":[{"type":"identify","userId":"u1","context":{"timezone":"Eastern Standard Time"}},
                          {"type":"identify","userId":"u2","context":{"timezone":"Europe/Paris"}}],
                 "context":{"timezone":"GMT+1:00 Berlin","locale":"de-DE"}}"""), RECEIVED);
        assertEquals(List.of(new IngestWarning("/context/timezone",
                        "'GMT+1:00 Berlin' is not an IANA time zone such as Europe/Paris; ignored"),
                new IngestWarning("/batch/0/context/timezone",
                        "'Eastern Standard Time' is not an IANA time zone such as Europe/Paris; ignored")),
                request.warnings());
        assertEquals(2, request.messages().size());
        assertNull(request.messages().get(0).context().get("timezone"));
        assertEquals("de-DE", request.messages().get(0).context().get("locale").asText());
        assertEquals("Europe/Paris", request.messages().get(1).context().get("timezone").asText());
    }

    @Test
    void namesTheBatchMessageAndFieldThatIsWrong() {
        var error = assertThrows(InvalidRequestException.class, () -> SegmentRequestReader.readBatch(json("""
                {"batch":[{"type":"track","userId":"u","event":"A"},{"type":"track","userId":"u"}]}"""), RECEIVED));
        assertEquals("/batch/1/event", error.field());
        assertTrue(error.getMessage().startsWith("batch message 1: "), error.getMessage());
        assertBatchField("/batch/0/type", "{\"batch\":[{\"userId\":\"u\"}]}");
        assertBatchField("/batch/0/type", "{\"batch\":[{\"type\":\"shout\",\"userId\":\"u\"}]}");
        assertBatchField("/batch/2", "{\"batch\":[{\"type\":\"page\",\"userId\":\"u\"},{\"type\":\"page\",\"userId\":\"u\"},7]}");
        assertBatchField("/batch", "{\"batch\":{}}");
        assertBatchField("/sentAt", "{\"batch\":[],\"sentAt\":\"now\"}");
    }

    @Test
    void enforcesSegmentsSizeLimits() {
        String big = "x".repeat(SegmentRequestReader.MAX_MESSAGE_BYTES);
        var tooBigMessage = assertThrows(PayloadTooLargeException.class, () -> SegmentRequestReader.readBatch(json(
                "{\"batch\":[{\"type\":\"page\",\"userId\":\"u\"},{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\","
                        + "\"properties\":{\"blob\":\"" + big + "\"}}]}"), RECEIVED));
        assertEquals("/batch/1", tooBigMessage.field());
        byte[] body = ("{\"userId\":\"u\",\"traits\":{\"blob\":\"" + big + "\"}}").getBytes(StandardCharsets.UTF_8);
        assertThrows(PayloadTooLargeException.class,
                () -> SegmentRequestReader.parse(body, SegmentRequestReader.MAX_MESSAGE_BYTES));
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

    private static void assertBatchField(String field, String body) {
        var error = assertThrows(InvalidRequestException.class, () -> SegmentRequestReader.readBatch(json(body), RECEIVED));
        assertEquals(field, error.field(), error.getMessage());
    }
}
