package io.drip.dispatch.provider;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import java.net.ConnectException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;

/** What HTTP-based providers share in reading their answers. */
public final class HttpCalls {

    private HttpCalls() {
    }

    /** The answer's JSON object; empty when there is none or it is not JSON. */
    public static JsonObject json(HttpResponse<Buffer> response) {
        try {
            return response.body() == null ? new JsonObject() : response.bodyAsJsonObject();
        } catch (RuntimeException notJson) {
            return new JsonObject();
        }
    }

    /**
     * A call that failed without an answer. One that failed before the request could leave (the
     * name did not resolve, the connection was refused or timed out, the TLS handshake failed)
     * sent nothing: transient. Any other failure (a timeout waiting for the answer, a connection
     * lost) may have come after the provider took the message: outcome unknown.
     */
    public static Throwable failure(Throwable failure) {
        if (failure instanceof ProviderException) {
            return failure;
        }
        return beforeAnyByte(failure)
                ? ProviderException.transientFailure("provider_unreachable", failure.toString(), failure)
                : ProviderException.unknownOutcome("provider_connection_lost", failure.toString(), failure);
    }

    private static boolean beforeAnyByte(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof SSLHandshakeException) {
                return true;
            }
        }
        return false;
    }
}
