package io.drip.kit.web;

import jakarta.ws.rs.NotFoundException;
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
    public Response notFound(NotFoundException e) {
        return json(Response.Status.NOT_FOUND, new ApiError("not_found", e.getMessage(), null));
    }

    private static Response json(Response.Status status, ApiError body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
