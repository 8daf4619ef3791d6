package io.drip.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessageJsonTest {

    @Test
    void roundTripsARecordWithInstantsAsIsoStrings() {
        var status = new DeliveryStatus("msg-1", "u-1", "sent", null, "sandbox", null, 2,
                Instant.parse("2026-11-25T10:15:30Z"));
        String json = MessageJson.write(status);
        assertTrue(json.contains("\"at\":\"2026-11-25T10:15:30Z\""), json);
        assertTrue(!json.contains("reason"), "nulls are omitted: " + json);
        assertEquals(status, MessageJson.read(json, DeliveryStatus.class));
    }

    @Test
    void theBytesAreTheSameJsonInUtf8() {
        var click = new Click("c-1", "x", "m", "u", "j", "s", "A", Instant.parse("2026-11-25T10:15:30Z"), null,
                "Mozilla/5.0 (iPhone) — é", "mobile", false, "NL");
        assertEquals(MessageJson.write(click),
                new String(MessageJson.writeBytes(click), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aSegmentMessageIsWrittenWithItsFieldsOnly() {
        var track = new SegmentMessage(SegmentMessage.TRACK, "m-1", "u-1", null, "Order Completed", null, null, null,
                null, Instant.parse("2026-11-25T10:15:30Z"), null, null);
        String json = MessageJson.write(track);
        assertTrue(json.contains("\"type\":\"track\""), json);
        for (String question : new String[] {"\"track\":", "\"identify\":", "\"alias\":"}) {
            assertTrue(!json.contains(question), "no " + question + " in " + json);
        }
    }

    @Test
    void unknownFieldsAreIgnoredSoProducersCanAddFields() {
        var click = MessageJson.read("""
                {"clickId":"c","code":"x","messageId":"m","contactId":"u","at":"2026-11-25T10:00:00Z","bot":true,
                 "newField":1}""", Click.class);
        assertEquals("c", click.clickId());
        assertTrue(click.bot());
    }

    @Test
    void aMessageThatBreaksItsSchemaIsMalformedAndSaysWhy() {
        var error = assertThrows(MalformedMessageException.class, () -> MessageJson.read("""
                {"messageId":"m","status":"delivered","at":"yesterday"}""", DeliveryStatus.class));
        assertTrue(error.getMessage().contains("contactId"), error.getMessage());
        assertTrue(error.getMessage().contains("at"), error.getMessage());
    }

    @Test
    void brokenJsonIsAMalformedMessageThatSaysWhere() {
        var error = assertThrows(MalformedMessageException.class,
                () -> MessageJson.read("{\"messageId\": \"m\",\n \"at\": }", DeliveryStatus.class));
        assertTrue(error.getMessage().contains("line 2"), error.getMessage());
    }

    @Test
    void aTreeAskedForIsTheTreeReadAndATreeOfAnotherShapeIsMalformed() {
        ObjectNode tree = MessageJson.read("{\"a\": [1, {\"b\": \"c\"}]}", ObjectNode.class);
        assertEquals("c", tree.at("/a/1/b").asText());
        var error = assertThrows(MalformedMessageException.class, () -> MessageJson.read("[1, 2]", ObjectNode.class));
        assertTrue(error.getMessage().startsWith("not a valid ObjectNode"), error.getMessage());
    }

    @Test
    void aStoredMessageIsReadAsWrittenAndATreeAsATree() {
        var status = new DeliveryStatus("msg-1", "u-1", "sent", null, "sandbox", null, 2,
                Instant.parse("2026-11-25T10:15:30Z"));
        assertEquals(status, MessageJson.readStored(MessageJson.write(status), DeliveryStatus.class));
        ObjectNode tree = MessageJson.readStored("{\"a\": [1, {\"b\": \"c\"}]}", ObjectNode.class);
        assertEquals("c", tree.at("/a/1/b").asText());
        var error = assertThrows(IllegalStateException.class, () -> MessageJson.readStored("{\"at\": }", DeliveryStatus.class));
        assertTrue(error.getMessage().contains("DeliveryStatus"), error.getMessage());
    }

    @Test
    void contactIdIsTheUserIdElseTheAnonymousId() {
        var known = new SegmentMessage("track", "m", "u-1", "a-1", "E", null, null, null, null, null, null, null);
        var anonymous = new SegmentMessage("track", "m", null, "a-1", "E", null, null, null, null, null, null, null);
        assertEquals("u-1", known.contactId());
        assertEquals("a-1", anonymous.contactId());
    }
}
