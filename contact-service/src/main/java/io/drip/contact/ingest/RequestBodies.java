package io.drip.contact.ingest;

import io.drip.kit.web.InvalidRequestException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * The bytes of a Segment request as the client meant them: a gzipped body (analytics-python's
 * {@code gzip=True}) is inflated here rather than by the HTTP server, so a body that says gzip and
 * is not gets a 400 saying so (the server's decompressor dropped the connection), and an inflated
 * body stops at the limit (a small "gzip bomb" cannot fill the memory).
 */
final class RequestBodies {

    private RequestBodies() {
    }

    /** The body inflated per {@code Content-Encoding} (none, identity or gzip), at most {@code maxBytes} + 1 long. */
    static byte[] decoded(byte[] body, String contentEncoding, int maxBytes) {
        if (body == null || contentEncoding == null || contentEncoding.isBlank()
                || "identity".equalsIgnoreCase(contentEncoding.trim())) {
            return body;
        }
        String encoding = contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (!"gzip".equals(encoding) && !"x-gzip".equals(encoding)) {
            throw new InvalidRequestException(null, "Content-Encoding '" + contentEncoding
                    + "' is not supported; send the body as it is or gzipped (Content-Encoding: gzip)");
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            int read;
            // one byte over the limit is enough for the caller to answer 413
            while ((read = in.read(chunk)) > 0) {
                out.write(chunk, 0, read);
                if (out.size() > maxBytes) {
                    break;
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new InvalidRequestException(null, "the body is sent as Content-Encoding: gzip but is not gzip data ("
                    + e.getMessage() + ")");
        }
    }
}
