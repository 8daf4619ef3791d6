package io.drip.contact.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.contracts.SegmentMessage;
import io.drip.kit.security.ApiKeyAuthenticationMechanism;
import io.drip.kit.security.Roles;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The Segment HTTP Tracking API: backends send what they already send to Segment. The write key
 * comes as HTTP Basic user name or, as Segment also accepts, as {@code "writeKey"} in the body;
 * the endpoints are therefore open to the authentication layer and check the key here.
 */
@Path("/v1")
@PermitAll
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class SegmentResource {
    private static final Logger LOG = Logger.getLogger(SegmentResource.class);

    @Inject
    SegmentIngest ingest;

    @Inject
    SecurityIdentity identity;

    @Inject
    ApiKeyAuthenticationMechanism keys;

    @Context
    HttpHeaders headers;

    @POST
    @Path("/identify")
    public Uni<Map<String, Object>> identify(byte[] body) {
        return single(SegmentMessage.IDENTIFY, body);
    }

    @POST
    @Path("/track")
    public Uni<Map<String, Object>> track(byte[] body) {
        return single(SegmentMessage.TRACK, body);
    }

    @POST
    @Path("/page")
    public Uni<Map<String, Object>> page(byte[] body) {
        return single(SegmentMessage.PAGE, body);
    }

    @POST
    @Path("/alias")
    public Uni<Map<String, Object>> alias(byte[] body) {
        return single(SegmentMessage.ALIAS, body);
    }

    /** Every message is checked before any is applied; then all apply in one transaction. */
    @POST
    @Path("/batch")
    public Uni<Map<String, Object>> batch(byte[] body) {
        Instant receivedAt = Instant.now();
        return accept(body, SegmentRequestReader.MAX_BATCH_BYTES,
                json -> SegmentRequestReader.readBatch(json, receivedAt));
    }

    /** Where analytics-java posts its batches out of the box; the same call as {@code /v1/batch}. */
    @POST
    @Path("/import")
    public Uni<Map<String, Object>> importBatch(byte[] body) {
        return batch(body);
    }

    private Uni<Map<String, Object>> single(String type, byte[] body) {
        Instant receivedAt = Instant.now();
        return accept(body, SegmentRequestReader.MAX_MESSAGE_BYTES,
                json -> SegmentRequestReader.read(type, json, receivedAt));
    }

    private Uni<Map<String, Object>> accept(byte[] body, int maxBytes, Function<ObjectNode, SegmentRequest> reader) {
        String headerSource = headerSource();
        ObjectNode json;
        try {
            json = SegmentRequestReader.parse(
                    RequestBodies.decoded(body, headers.getHeaderString(HttpHeaders.CONTENT_ENCODING), maxBytes), maxBytes);
        } catch (RuntimeException e) {
            if (headerSource == null) {
                throw new UnauthorizedException("a write key is required");
            }
            throw e;
        }
        String source = headerSource != null ? headerSource : bodySource(json);
        SegmentRequest request = reader.apply(json);
        request.warnings().forEach(warning -> LOG.infof("source %s: %s at %s", source, warning.message(), warning.field()));
        return ingest.acceptFromHttp(request.messages(), source).replaceWith(answer(request.warnings()));
    }

    /** {@code {"success": true}}, with {@code "warnings"} when something was ignored. */
    private static Map<String, Object> answer(List<IngestWarning> warnings) {
        return warnings.isEmpty() ? Map.of("success", true) : Map.of("success", true, "warnings", warnings);
    }

    /** The source of the write key in the Authorization header; null when there is none. */
    private String headerSource() {
        if (identity.isAnonymous()) {
            return null;
        }
        if (!identity.hasRole(Roles.INGEST)) {
            throw new ForbiddenException("ingest needs a write key, not an API key");
        }
        return identity.getAttribute(ApiKeyAuthenticationMechanism.SOURCE_ATTRIBUTE);
    }

    private String bodySource(ObjectNode json) {
        JsonNode key = json.get("writeKey");
        return keys.writeKeySource(key != null && key.isTextual() ? key.asText() : null)
                .orElseThrow(() -> new UnauthorizedException("a known write key is required"));
    }
}
