package io.drip.contact.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.contact.profile.ContactRepository;
import io.drip.contracts.MessageJson;
import io.drip.kit.security.Roles;
import io.drip.kit.web.ApiError;
import io.drip.kit.web.InvalidRequestException;
import io.drip.kit.web.JsonBodies;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Consent per channel and category, with its audit trail. */
@Path("/v1/contacts/{id}/consent")
@Produces(MediaType.APPLICATION_JSON)
public class ConsentResource {

    @Inject
    Pool pool;

    @Inject
    ContactRepository contacts;

    @Inject
    ConsentLedger ledger;

    @Inject
    ConsentChanges changes;

    @Inject
    SecurityIdentity identity;

    /** The current state (as the snapshot carries it), pending double opt-ins and every decision. */
    @GET
    @RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.OPS})
    public Uni<ObjectNode> get(@PathParam("id") String id) {
        return contacts.find(pool, id).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().failure(new NotFoundException("no contact with id '" + id + "'"));
            }
            ObjectNode view = MessageJson.mapper().createObjectNode();
            view.set("consent", MessageJson.mapper().valueToTree(found.get().consent()));
            return ledger.pending(pool, id).invoke(pending -> view.set("pending", pending))
                    .chain(() -> ledger.history(pool, id)).invoke(history -> view.set("history", history))
                    .replaceWith(view);
        });
    }

    /**
     * Records a decision: {@code {"state": "opted_in" | "opted_out", "ip": "203.0.113.7",
     * "reference": "signup-form-42"}} (ip and reference optional: where and with what the person
     * decided). An SMS marketing opt-in becomes {@code pending} where double opt-in is on. An
     * opt-in of a number that opted out by keyword is refused with 409 (and the refusal recorded
     * in the audit trail): only the person may opt in again.
     */
    @PUT
    @Path("/{channel}/{category}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MARKETER)
    public Uni<Response> put(@PathParam("id") String id, @PathParam("channel") String channel,
            @PathParam("category") String category, JsonNode body) {
        Consent.check(channel, category);
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException(null, "the body must be a JSON object such as {\"state\": \"opted_in\"}");
        }
        JsonBodies.onlyKeys(body, BODY_KEYS);
        String state = body.path("state").asText(null);
        if (!Consent.OPTED_IN.equals(state) && !Consent.OPTED_OUT.equals(state)) {
            throw new InvalidRequestException("/state", "state is opted_in or opted_out");
        }
        Consent.Origin origin = new Consent.Origin(Consent.SOURCE_API, text(body, "reference"), ip(body),
                identity.getPrincipal().getName(), null, Instant.now());
        return pool.withTransaction(tx -> Consent.OPTED_IN.equals(state)
                        ? changes.optIn(tx, id, channel, category, origin)
                        : changes.change(tx, id, channel, category, state, origin))
                .map(recorded -> {
                    String result = recorded.orElseThrow(() -> new NotFoundException("no contact with id '" + id + "'"));
                    return Consent.REFUSED.equals(result)
                            ? Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON_TYPE)
                                    .entity(new ApiError("opt_in_refused", ConsentChanges.REFUSAL, "/state")).build()
                            : Response.ok(Map.of("channel", channel, "category", category, "state", result)).build();
                });
    }

    /** What a consent change may say; anything else is a mistake the client must hear of. */
    private static final List<String> BODY_KEYS = List.of("state", "reference", "ip");

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().length() > 200 || value.asText().chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException("/" + field, field + " must be a string of at most 200 characters, without control characters");
        }
        return value.asText();
    }

    private static String ip(JsonNode body) {
        String ip = text(body, "ip");
        if (ip != null && !ip.matches("[0-9A-Fa-f:.]{2,45}")) {
            throw new InvalidRequestException("/ip", "ip '" + ip + "' is not an IPv4 or IPv6 address");
        }
        return ip;
    }
}
