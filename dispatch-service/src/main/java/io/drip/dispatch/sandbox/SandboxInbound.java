package io.drip.dispatch.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.drip.dispatch.inbound.InboundMessages;
import io.drip.kit.security.Roles;
import io.drip.kit.web.InvalidRequestException;
import io.drip.kit.web.JsonBodies;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /v1/sandbox/inbound {"from", "text", "to"?, "id"?}}: a reply to a sandbox SMS, as a
 * phone would send it. It takes the path a real provider's inbound SMS (MO) takes
 * ({@link InboundMessages}): recorded once per id, published on drip.inbound.v1 when the number
 * is a contact's, so "STOP" or "TD" opts the contact out. Demos and tests use it; it needs an
 * API key of role marketer or ops, since a reply changes a contact's consent.
 */
@Path("/v1/sandbox/inbound")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MARKETER, Roles.OPS})
public class SandboxInbound {

    /** What became of the reply: {@code contactId} and {@code keyword} are null when it was not published. */
    public record Outcome(String id, boolean published, String contactId, String keyword) {
    }

    private static final List<String> BODY_KEYS = List.of("id", "from", "to", "text");

    @Inject
    Pool pool;

    @Inject
    InboundMessages inbound;

    @POST
    public Uni<Outcome> receive(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException(null, "the body must be a JSON object {\"from\", \"text\"}");
        }
        JsonBodies.onlyKeys(body, BODY_KEYS);
        JsonBodies.noNul(body);
        String from = e164(text(body, "from"));
        String text = text(body, "text");
        String id = body.hasNonNull("id") ? text(body, "id") : UUID.randomUUID().toString();
        var sms = new InboundMessages.Received(SandboxProvider.NAME, id, from, body.path("to").asText(null), text,
                Instant.now());
        return pool.withTransaction(tx -> inbound.receive(tx, sms)).map(published -> published == null
                ? new Outcome(id, false, null, null)
                : new Outcome(id, true, published.contactId(), published.keyword()));
    }

    /** The number in E.164, the form contacts' numbers are matched in. */
    private static String e164(String from) {
        PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
        try {
            return phones.format(phones.parse(from, null), PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new InvalidRequestException("/from", "from must be an international number such as +31612345678, got '"
                    + from + "': " + e.getMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidRequestException("/" + field, "an inbound SMS needs " + field + " (a non-empty string)");
        }
        return value.asText();
    }
}
