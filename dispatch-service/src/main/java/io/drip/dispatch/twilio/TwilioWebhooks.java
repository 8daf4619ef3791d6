package io.drip.dispatch.twilio;

import io.drip.contracts.DeliveryStatus;
import io.drip.dispatch.inbound.InboundMessages;
import io.drip.dispatch.send.Receipts;
import io.drip.dispatch.provider.WebhookRefusals;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Twilio's webhooks: message status callbacks (delivery receipts) and incoming messages. They
 * carry no API key; each request must carry a valid {@code X-Twilio-Signature} (403 otherwise),
 * computed over the URL configured in {@code drip.twilio.webhook-base-url}, the one Twilio calls,
 * with the request's query.
 */
@PermitAll
@Path("/v1/providers/twilio")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class TwilioWebhooks {
    static final String INBOUND_PATH = "/v1/providers/twilio/inbound";
    /** Twilio's final statuses; queued, sending, sent and the like change nothing. */
    private static final Map<String, String> FINAL = Map.of("delivered", DeliveryStatus.DELIVERED,
            "undelivered", DeliveryStatus.UNDELIVERED, "failed", DeliveryStatus.FAILED);
    private static final Set<String> REQUIRED_STATUS = Set.of("MessageSid", "MessageStatus");
    private static final Set<String> REQUIRED_INBOUND = Set.of("MessageSid", "From", "Body");

    @Inject
    TwilioProvider twilio;

    @Inject
    Receipts receipts;

    @Inject
    InboundMessages inbound;

    @Inject
    Pool pool;

    @Context
    UriInfo uri;

    @POST
    @Path("/status")
    public Uni<Response> status(@HeaderParam("X-Twilio-Signature") String signature, MultivaluedMap<String, String> form) {
        return verified(TwilioProvider.STATUS_PATH, signature, form, REQUIRED_STATUS, () -> applyStatus(form));
    }

    private Uni<Response> applyStatus(MultivaluedMap<String, String> form) {
        String status = FINAL.get(form.getFirst("MessageStatus"));
        if (status == null) {
            return Uni.createFrom().item(Response.noContent().build());
        }
        String errorCode = form.getFirst("ErrorCode");
        if (errorCode != null && !errorCode.isBlank() && !errorCode.trim().matches("[0-9]{1,9}")) {
            return Uni.createFrom().item(WebhookRefusals.badRequest("ErrorCode must be a Twilio error number such as 30003",
                    "ErrorCode"));
        }
        Integer code = errorCode == null || errorCode.isBlank() ? null : Integer.valueOf(errorCode.trim());
        TwilioErrors.Meaning meaning = status.equals(DeliveryStatus.DELIVERED) ? null : TwilioErrors.ofReceipt(code);
        var receipt = new Receipts.Receipt(TwilioProvider.NAME, form.getFirst("MessageSid"), status,
                meaning == null ? null : meaning.reason(), meaning != null && meaning.numberUndeliverable(), Instant.now());
        return pool.withTransaction(tx -> receipts.apply(tx, receipt)).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/inbound")
    public Uni<Response> inbound(@HeaderParam("X-Twilio-Signature") String signature, MultivaluedMap<String, String> form) {
        return verified(INBOUND_PATH, signature, form, REQUIRED_INBOUND, () -> receiveInbound(form));
    }

    private Uni<Response> receiveInbound(MultivaluedMap<String, String> form) {
        if (!InboundMessages.isE164(form.getFirst("From"))) {
            return Uni.createFrom().item(WebhookRefusals.badRequest("From must be a phone number in E.164 such as "
                    + "+15005550006", "From"));
        }
        var sms = new InboundMessages.Received(TwilioProvider.NAME, form.getFirst("MessageSid"), form.getFirst("From"),
                form.getFirst("To"), form.getFirst("Body"), Instant.now());
        // an empty TwiML answer: Drip replies to keywords through journeys, not here
        return pool.withTransaction(tx -> inbound.receive(tx, sms))
                .replaceWith(Response.ok("<Response/>", MediaType.APPLICATION_XML).build());
    }

    /**
     * Runs {@code handler} once the request checks out: 404 when Twilio is not configured, 403 for
     * a bad signature, 400 for a missing parameter.
     */
    private Uni<Response> verified(String path, String signature, MultivaluedMap<String, String> form,
            Set<String> required, Supplier<Uni<Response>> handler) {
        if (!twilio.configured()) {
            return Uni.createFrom().item(WebhookRefusals.notConfigured());
        }
        String url = twilio.webhookUrl(path).map(this::withRequestQuery).orElse(uri.getRequestUri().toString());
        if (!TwilioSignature.valid(twilio.authToken(), url, form, signature)) {
            return Uni.createFrom().item(WebhookRefusals.forbidden("missing or invalid X-Twilio-Signature"));
        }
        for (String name : required) {
            if (form.getFirst(name) == null) {
                return Uni.createFrom().item(WebhookRefusals.badRequest("missing form parameter " + name, name));
            }
        }
        for (var parameter : form.entrySet()) {
            if (parameter.getValue().stream().anyMatch(value -> value != null && value.indexOf('\0') >= 0)) {
                return Uni.createFrom().item(WebhookRefusals.badRequest("form parameter " + parameter.getKey()
                        + " holds a NUL character (U+0000), which cannot be stored", parameter.getKey()));
            }
        }
        return handler.get();
    }

    /**
     * The configured URL with the query of this request: Twilio signs the whole URL it calls, and
     * an operator may have written a query into the one set at Twilio (the inbound URL is).
     */
    private String withRequestQuery(String url) {
        String query = uri.getRequestUri().getRawQuery();
        return query == null ? url : url + "?" + query;
    }
}
