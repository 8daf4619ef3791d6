package io.drip.kit.web;

import io.quarkus.runtime.configuration.MemorySize;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses (413, in the {@link ApiError} shape) a request body over {@code drip.http.max-json-body-size}
 * for every endpoint that binds its body to a JSON tree or object. The server's own limit
 * ({@code quarkus.http.limits.max-body-size}) is sized for file uploads and answers with an empty
 * body; an admin request of megabytes is always a mistake or an attack. A body that declares its
 * length is refused before it is read; one sent in chunks, without a length, is counted as it is
 * read and refused when it passes the limit. Endpoints that take the raw bytes or a stream
 * (Segment ingest, CSV import) enforce limits of their own.
 */
public class JsonBodyLimit {

    @ConfigProperty(name = "drip.http.max-json-body-size", defaultValue = "64K")
    MemorySize max;

    @ServerRequestFilter
    public Optional<Response> refuseOversizeBodies(ContainerRequestContext request, ResourceInfo resource) {
        if (readsItsOwnBody(resource.getResourceMethod())) {
            return Optional.empty();
        }
        long limit = max.asLongValue();
        long length = contentLength(request);
        if (length < 0 && request.hasEntity()) {
            request.setEntityStream(new Limited(request.getEntityStream(), limit));
            return Optional.empty();
        }
        if (length <= limit) {
            return Optional.empty();
        }
        return Optional.of(Response.status(Response.Status.REQUEST_ENTITY_TOO_LARGE).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError("payload_too_large", "the request body is " + length + " bytes; the limit is "
                        + describe(limit), null))
                .build());
    }

    private static String describe(long limit) {
        return limit + " bytes (" + limit / 1024 + " KB)";
    }

    /** A body without a declared length, refused (413, by {@link ApiErrorMappers}) once more than the limit is read. */
    private static final class Limited extends FilterInputStream {
        private final long limit;
        private long read;

        Limited(InputStream body, long limit) {
            super(body);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) {
            read += n;
            if (read > limit) {
                throw new PayloadTooLargeException(null, "the request body (sent in chunks, without a length) is over "
                        + describe(limit));
            }
        }
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
