package io.drip.console.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** dispatch-service's messages (role ops at the API; docs/sending.md). */
@Path("/v1/messages")
@RegisterRestClient(configKey = "dispatch")
@RegisterProvider(ApiKeyHeader.class)
@RegisterProvider(ApiFailures.class)
public interface DispatchApi {

    @GET
    List<ContactView.Message> messages(@QueryParam("contact") String contact, @QueryParam("limit") int limit);

    @GET
    @Path("/{id}")
    ContactView.MessageDetail message(@PathParam("id") String id);
}
