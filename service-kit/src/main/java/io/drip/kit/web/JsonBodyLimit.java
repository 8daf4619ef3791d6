package io.drip.kit.web;

import io.quarkus.runtime.configuration.MemorySize;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses (413, in the {@link ApiError} shape) a request body over {@code drip.http.max-json-body-size}
 * for every endpoint that binds its body to a JSON tree or object. The server's own limit
 * ({@code quarkus.http.limits.max-body-size}) is sized for file uploads and answers with an empty
 * body; an admin request of megabytes is always a mistake or an attack. Endpoints that take the
 * raw bytes or a stream (Segment ingest, CSV import) enforce limits of their own.
 */
public class JsonBodyLimit {

    @ConfigProperty(name = "drip.http.max-json-body-size", defaultValue = "64K")
    MemorySize max;

    @ServerRequestFilter
    public Optional<Response> refuseOversizeBodies(ContainerRequestContext request, ResourceInfo resource) {
        long length = contentLength(request);
        if (length <= max.asLongValue() || readsItsOwnBody(resource.getResourceMethod())) {
            return Optional.empty();
        }
        long limit = max.asLongValue();
        return Optional.of(Response.status(Response.Status.REQUEST_ENTITY_TOO_LARGE).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError("payload_too_large", "the request body is " + length + " bytes; the limit is "
                        + limit + " bytes (" + limit / 1024 + " KB)", null))
                .build());
    }

    private static long contentLength(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean readsItsOwnBody(Method method) {
        if (method == null) {
            return false;
        }
        for (Class<?> type : method.getParameterTypes()) {
            if (type == byte[].class || InputStream.class.isAssignableFrom(type)) {
                return true;
            }
        }
        return false;
    }
}
