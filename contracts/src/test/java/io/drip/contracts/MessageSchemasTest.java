package io.drip.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every record, as MessageJson writes it, satisfies its published JSON Schema. */
class MessageSchemasTest {
    private static final Instant AT = Instant.parse("2026-11-25T10:15:30Z");

    private static Set<ValidationMessage> validate(String schemaFile, Object message) throws Exception {
        JsonNode json = MessageJson.mapper().readTree(MessageJson.write(message));
        return schema(schemaFile).validate(json);
    }

    private static JsonSchema schema(String file) throws Exception {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = MessageJson.schemaResource(file.replace(".schema.json", ""))) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        }
    }

    private static ObjectNode object(String field, String value) {
        return MessageJson.mapper().createObjectNode().put(field, value);
    }

    @Test
    void trackAndIdentifyMatchTheirSchema() throws Exception {
        var track = new SegmentMessage("track", "m-1", "u-1", null, "Signed Up", null,
                object("plan", "free"), null, null, AT, AT, AT);
        var identify = new SegmentMessage("identify", "m-2", "u-1", null, null, null,
                null, object("phone", "+14155550100"), null, AT, null, AT);
        assertEquals(Set.of(), validate("segment-message.schema.json", track));
        assertEquals(Set.of(), validate("segment-message.schema.json", identify));
    }

    @Test
    void aliasNeedsThePreviousIdAndTheUserId() throws Exception {
        var alias = new SegmentMessage("alias", "m-3", "u-1", null, null, null, null, null, null, AT, null, AT, "anon-1");
        var incomplete = new SegmentMessage("alias", "m-4", "u-1", null, null, null, null, null, null, AT, null, AT);
        assertEquals(Set.of(), validate("segment-message.schema.json", alias));
        assertTrue(validate("segment-message.schema.json", incomplete).toString().contains("previousId"));
    }

    @Test
    void trackWithoutEventIsRejected() throws Exception {
        var track = new SegmentMessage("track", "m-1", "u-1", null, null, null, null, null, null, AT, null, null);
        Set<ValidationMessage> errors = validate("segment-message.schema.json", track);
        assertFalse(errors.isEmpty());
        assertTrue(errors.toString().contains("event"), errors.toString());
    }

    @Test
    void snapshotSendStatusClickAndInboundMatchTheirSchemas() throws Exception {
        var consent = Map.of("sms", Map.of("marketing", new ContactSnapshot.Consent("opted_in", AT, "api")));
        var snapshot = new ContactSnapshot("u-1", 3, "+14155550100", "valid", "America/Los_Angeles", "en-US",
                object("first_name", "Ada"), consent, AT);
        var send = new SendCommand("msg-1", "run-1:welcome", "u-1", "welcome", 1, "welcome", null, "sms",
                "marketing", "Hi Ada http://t.example/aB3dE5gH7k", List.of(new SendCommand.Link("aB3dE5gH7k",
                        "https://shop.example/")), null, new SendCommand.SendWindow("09:00", "20:30"), AT);
        var status = new DeliveryStatus("msg-1", "u-1", "sent", null, "twilio", "SM1", 1, AT, new BigDecimal("0.0075"), "USD");
        var click = new Click("c-1", "aB3dE5gH7k", "msg-1", "u-1", "welcome", "welcome", null, AT, "127.0.0.0",
                "Mozilla/5.0", "mobile", false, "NL");
        var inbound = InboundSms.keyword("in-1", "u-1", "+14155550100", "+15005550006", "STOP", "STOP",
                InboundSms.Action.OPT_OUT, "sandbox", AT);
        assertEquals(Set.of(), validate("contact-snapshot.schema.json", snapshot));
        assertEquals(Set.of(), validate("send-command.schema.json", send));
        assertEquals(Set.of(), validate("delivery-status.schema.json", status));
        assertEquals(Set.of(), validate("click.schema.json", click));
        assertEquals(Set.of(), validate("inbound-sms.schema.json", inbound));
    }

    @Test
    void snapshotMayListItsSegments() throws Exception {
        var snapshot = new ContactSnapshot("u-1", 2, null, "missing", "UTC", null, object("plan", "pro"), Map.of(), AT,
                List.of("vip", "rfm-champions"));
        assertEquals(Set.of(), validate("contact-snapshot.schema.json", snapshot));
        assertEquals(List.of("vip", "rfm-champions"),
                MessageJson.read(MessageJson.write(snapshot), ContactSnapshot.class).segments());
    }

    @Test
    void snapshotWithANonE164PhoneIsRejected() throws Exception {
        var snapshot = new ContactSnapshot("u-1", 1, "0415 555 0100", "valid", null, null, null, null, AT);
        assertFalse(validate("contact-snapshot.schema.json", snapshot).isEmpty());
    }

    @Test
    void sendCommandWithGuessableCodeIsRejected() throws Exception {
        var send = new SendCommand("msg-1", "k", "u-1", null, null, null, null, "sms", "marketing", "x",
                List.of(new SendCommand.Link("abc", "https://shop.example/")), null, null, AT);
        assertFalse(validate("send-command.schema.json", send).isEmpty());
    }

    @Test
    void sendCommandMayTurnUtmTaggingOffAndLeavesItOutOtherwise() throws Exception {
        var off = new SendCommand("msg-1", "k", "u-1", "welcome", 1, "welcome", null, "sms", "marketing", "x",
                List.of(new SendCommand.Link("aB3dE5gH7k", "https://shop.example/")), null, null, AT, false);
        assertTrue(validate("send-command.schema.json", off).isEmpty());
        assertEquals(Boolean.FALSE, MessageJson.read(MessageJson.write(off), SendCommand.class).utm());
        var unset = new SendCommand("msg-1", "k", "u-1", null, null, null, null, "sms", "marketing", "x", null, null,
                null, AT);
        assertFalse(MessageJson.write(unset).contains("utm"), "absent, so older readers see the same JSON");
        assertNull(MessageJson.read(MessageJson.write(unset), SendCommand.class).utm());
    }

    @Test
    void sendCommandMayCarryTagsAndOlderJsonHasNone() throws Exception {
        var plain = new SendCommand("msg-1", "k", "u-1", "cart", 1, "remind", null, "sms", "marketing", "x", null, null,
                null, AT);
        var tagged = plain.withTags(List.of("promo:shoes", SendCommand.URGENT));
        assertEquals(Set.of(), validate("send-command.schema.json", tagged));
        assertEquals(List.of("promo:shoes", "urgent"), MessageJson.read(MessageJson.write(tagged), SendCommand.class).tags());
        assertFalse(MessageJson.write(plain).contains("tags"), "no tags, so older readers see the same JSON");
        assertEquals(List.of(), MessageJson.read(MessageJson.write(plain), SendCommand.class).tags());
        assertFalse(validate("send-command.schema.json", plain.withTags(List.of("Promo Shoes"))).isEmpty());
    }

    @Test
    void sendCommandCarriesMediaAsAnMmsAndLeavesThemOutForAnSms() throws Exception {
        var sms = new SendCommand("msg-1", "k", "u-1", null, null, null, null, "sms", "marketing", "x", null, null,
                null, AT);
        assertFalse(MessageJson.write(sms.withMedia(List.of())).contains("media"), "no media: an SMS, as before");
        var mms = sms.withMedia(List.of("https://shop.example/a.jpg", "https://cdn.example/b.png"));
        assertTrue(validate("send-command.schema.json", mms).isEmpty());
        assertEquals(mms.media(), MessageJson.read(MessageJson.write(mms), SendCommand.class).media());
        assertFalse(validate("send-command.schema.json", sms.withMedia(List.of("http://shop.example/a.jpg"))).isEmpty(),
                "https only");
        var eleven = Collections.nCopies(SendCommand.MAX_MEDIA + 1, "https://shop.example/a.jpg");
        assertFalse(validate("send-command.schema.json", sms.withMedia(eleven)).isEmpty(), "at most " + SendCommand.MAX_MEDIA);
    }
}
