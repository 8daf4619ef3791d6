package io.drip.dispatch.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.drip.contracts.DeliveryStatus;
import io.drip.contracts.MessageJson;
import io.drip.dispatch.inbound.InboundMessages;
import io.drip.dispatch.provider.WebhookRefusals;
import io.drip.dispatch.send.Receipts;
import io.drip.kit.signing.HmacSignature;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Set;
import java.util.function.Function;

/**
 * The generic HTTP provider's callbacks: delivery receipts
 * {@code {"id", "status": delivered|undelivered|failed, "reason"}} and inbound SMS
 * {@code {"id", "from", "to", "text"}}, each signed like Drip's requests
 * ({@link HmacSignature}); an unsigned, badly signed or stale request gets 403.
 */
@PermitAll
@Path("/v1/providers/http")
@Consumes(MediaType.APPLICATION_JSON)
public class HttpWebhooks {
    static final String RECEIPTS_PATH = "/v1/providers/http/receipts";
    private static final Set<String> FINAL = Set.of(DeliveryStatus.DELIVERED, DeliveryStatus.UNDELIVERED,
            DeliveryStatus.FAILED);

    @Inject
    HttpProvider provider;

    @Inject
    Receipts receipts;

    @Inject
    InboundMessages inbound;

    @Inject
    Pool pool;

    @POST
    @Path("/receipts")
    public Uni<Response> receipt(@HeaderParam(HmacSignature.TIMESTAMP_HEADER) String timestamp,
            @HeaderParam(HmacSignature.SIGNATURE_HEADER) String signature, String body) {
        return verified(timestamp, signature, body, this::applyReceipt);
    }

    private Uni<Response> applyReceipt(JsonNode json) {
        String status = json.path("status").asText();
        if (json.path("id").asText().isEmpty() || !FINAL.contains(status)) {
            return Uni.createFrom().item(WebhookRefusals.badRequest(
                    "a receipt needs an id and a status (delivered, undelivered, failed)",
                    json.path("id").asText().isEmpty() ? "id" : "status"));
        }
        String reason = status.equals(DeliveryStatus.DELIVERED) ? null : json.path("reason").asText("carrier_unknown_error");
        var receipt = new Receipts.Receipt(HttpProvider.NAME, json.path("id").asText(), status, reason,
                reason != null && HttpProvider.condemnsNumber(reason), Instant.now());
        return pool.withTransaction(tx -> receipts.apply(tx, receipt)).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/inbound")
    public Uni<Response> inbound(@HeaderParam(HmacSignature.TIMESTAMP_HEADER) String timestamp,
            @HeaderParam(HmacSignature.SIGNATURE_HEADER) String signature, String body) {
        return verified(timestamp, signature, body, this::receiveInbound);
    }

    private Uni<Response> receiveInbound(JsonNode json) {
        for (String field : new String[] {"id", "from", "text"}) {
            if (!json.path(field).isTextual()) {
                return Uni.createFrom().item(WebhookRefusals.badRequest("an inbound SMS needs " + field, field));
            }
        }
        if (!InboundMessages.isE164(json.path("from").asText())) {
            return Uni.createFrom().item(WebhookRefusals.badRequest("from must be a phone number in E.164 such as "
                    + "+15005550006", "from"));
        }
        var sms = new InboundMessages.Received(HttpProvider.NAME, json.path("id").asText(), json.path("from").asText(),
                json.path("to").asText(null), json.path("text").asText(), Instant.now());
        return pool.withTransaction(tx -> inbound.receive(tx, sms)).replaceWith(Response.noContent().build());
    }

    /** Hands the body as JSON to {@code handler} once its signature checks out; else the refusal. */
    private Uni<Response> verified(String timestamp, String signature, String body,
            Function<JsonNode, Uni<Response>> handler) {
        if (!provider.configured()) {
            return Uni.createFrom().item(WebhookRefusals.notConfigured());
        }
        if (!HmacSignature.valid(provider.secret(), timestamp, body, signature, Instant.now())) {
            return Uni.createFrom().item(WebhookRefusals.forbidden(
                    "missing, invalid or stale " + HmacSignature.SIGNATURE_HEADER));
        }
        JsonNode json;
        try {
            json = MessageJson.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().item(
                    WebhookRefusals.badRequest("the body is not JSON: " + e.getOriginalMessage(), null));
        }
        String nul = MessageJson.nulCharacterAt(json);
        if (nul != null) {
            return Uni.createFrom().item(WebhookRefusals.badRequest(MessageJson.nulProblem(nul), nul));
        }
        return handler.apply(json);
    }
}
