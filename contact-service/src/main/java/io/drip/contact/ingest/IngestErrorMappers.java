package io.drip.contact.ingest;

import io.drip.kit.web.ApiError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** 413 answers in the JSON error shape of every other 4xx. */
public class IngestErrorMappers {

    @ServerExceptionMapper
    public Response tooLarge(PayloadTooLargeException e) {
        return Response.status(Response.Status.REQUEST_ENTITY_TOO_LARGE).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError("payload_too_large", e.getMessage(), e.field())).build();
    }
}
