package io.drip.console.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** dispatch-service's messages (role ops at the API) and delivery report (docs/sending.md). */
@Path("/v1")
@RegisterRestClient(configKey = "dispatch")
@RegisterProvider(ApiKeyHeader.class)
@RegisterProvider(ApiFailures.class)
public interface DispatchApi {

    @GET
    @Path("/messages")
    List<ContactView.Message> messages(@QueryParam("contact") String contact, @QueryParam("limit") int limit);

    @GET
    @Path("/messages/{id}")
    ContactView.MessageDetail message(@PathParam("id") String id);

    /**
     * {@code from}, {@code to}: ISO-8601 instants bounding when the messages were created (null: unbounded);
     * {@code every}: the width of the buckets over time (minute, hour or day).
     */
    @GET
    @Path("/reports/deliveries")
    DeliveryReport deliveries(@QueryParam("journey") String journey, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("every") String every);
}
