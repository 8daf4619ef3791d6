package io.drip.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Turns an API's error answer into an {@link ApiFailure} carrying the API's own message (its
 * {@code message} field), so a page can say what went wrong.
 */
public class ApiFailures implements ResponseExceptionMapper<ApiFailure> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public ApiFailure toThrowable(Response response) {
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        JsonNode place = place(body);
        return new ApiFailure(response.getStatus(), message(response, body), place.path("line").asInt(0),
                place.path("column").asInt(0));
    }

    /** Where an invalid journey's problem is ({@code line}, {@code column}), if the answer says. */
    private static JsonNode place(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception notJson) {
            return JSON.createObjectNode();
        }
    }

    static String message(Response response, String body) {
        try {
            JsonNode message = JSON.readTree(body).path("message");
            if (message.isTextual()) {
                return message.asText();
            }
        } catch (Exception notJson) {
            // fall through to the status line
        }
        return response.getStatus() + " " + response.getStatusInfo().getReasonPhrase();
    }
}
