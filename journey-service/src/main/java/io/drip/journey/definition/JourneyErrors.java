package io.drip.journey.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** An invalid journey sent to the API: 400 with the file, line and column of the problem. */
public class JourneyErrors {

    /** The body of the answer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record JourneyError(String error, String message, String file, int line, int column) {
    }

    @ServerExceptionMapper
    public Response invalid(JourneyFileException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new JourneyError("invalid_journey", e.getMessage(), e.file(), e.line(), e.column())).build();
    }
}
