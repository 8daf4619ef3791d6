package io.drip.console.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** tracking-service's clicks of one contact (docs/tracking.md). */
@Path("/v1/contacts/{id}/clicks")
@RegisterRestClient(configKey = "tracking")
@RegisterProvider(ApiKeyHeader.class)
@RegisterProvider(ApiFailures.class)
public interface TrackingApi {

    @GET
    List<ContactView.Click> clicks(@PathParam("id") String id);
}
