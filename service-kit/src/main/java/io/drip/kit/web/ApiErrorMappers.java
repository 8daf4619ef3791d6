package io.drip.kit.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns request errors into JSON {@link ApiError} bodies. */
public class ApiErrorMappers {

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        return json(Response.Status.BAD_REQUEST, new ApiError("invalid_request", e.getMessage(), e.field()));
    }

    @ServerExceptionMapper
    public Response tooLarge(PayloadTooLargeException e) {
        return json(Response.Status.REQUEST_ENTITY_TOO_LARGE, new ApiError("payload_too_large", e.getMessage(), e.field()));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return json(Response.Status.NOT_FOUND, new ApiError("not_found", e.getMessage(), null));
    }

    /**
     * A body Jackson could not bind: what it found wrong, and where (line and column, or the field);
     * a body that passed its size limit while Jackson read it (JsonBodyLimit) is a 413.
     */
    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLargeException tooLarge) {
                return tooLarge(tooLarge);
            }
        }
        return json(Response.Status.BAD_REQUEST, new ApiError("invalid_request", describe(e), pointer(e)));
    }

    /**
     * A value of the wrong type or a key the request object does not have: Quarkus's own mapper
     * answered with Jackson's words and no message; this one names the field.
     */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    /**
     * Other 4xx answers of the REST layer (a body that is no JSON, a media type the endpoint does
     * not take, a method it does not have) came with an empty body: they now say what was wrong.
     * Answers that carry a body of their own, and everything that is no client error, stay as they are.
     */
    @ServerExceptionMapper
    public Response rest(WebApplicationException e) {
        Response response = e.getResponse();
        int status = response.getStatus();
        if (response.hasEntity() || status < 400 || status >= 500) {
            return response;
        }
        if (e.getCause() instanceof JsonProcessingException) {
            return unreadable((JsonProcessingException) e.getCause());
        }
        String code = response.getStatusInfo().getReasonPhrase().toLowerCase().replace(' ', '_');
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(code, e.getMessage(), null)).build();
    }

    private static String describe(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return "the body is not valid JSON of the expected shape: " + e.getOriginalMessage() + where;
    }

    /** The JSON pointer of the field Jackson stopped at; null when the body is not JSON at all. */
    private static String pointer(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException) || ((JsonMappingException) e).getPath().isEmpty()) {
            return null;
        }
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference reference : ((JsonMappingException) e).getPath()) {
            pointer.append('/').append(reference.getFieldName() != null
                    ? reference.getFieldName().replace("~", "~0").replace("/", "~1")
                    : String.valueOf(reference.getIndex()));
        }
        return pointer.toString();
    }

    private static Response json(Response.Status status, ApiError body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
