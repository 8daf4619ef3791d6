package io.drip.dispatch.provider;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import java.net.ConnectException;

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
     * A call that failed without an answer: a refused connection sent nothing (transient); any
     * other failure (timeout, connection lost) may have come after the provider took the message.
     */
    public static Throwable failure(Throwable failure) {
        if (failure instanceof ProviderException) {
            return failure;
        }
        return failure instanceof ConnectException
                ? ProviderException.transientFailure("provider_unreachable", failure.getMessage(), failure)
                : ProviderException.unknownOutcome("provider_connection_lost", failure.toString(), failure);
    }
}
