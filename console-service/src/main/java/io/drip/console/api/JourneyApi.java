package io.drip.console.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** journey-service's API as the console uses it (docs/journeys.md). */
@Path("/v1")
@RegisterRestClient(configKey = "journey")
@RegisterProvider(ApiKeyHeader.class)
@RegisterProvider(ApiFailures.class)
public interface JourneyApi {

    @GET
    @Path("/journeys")
    List<JourneyView.Summary> list();

    @GET
    @Path("/journeys/{id}/stats")
    JourneyView.Stats stats(@PathParam("id") String id, @QueryParam("version") Integer version);

    @GET
    @Path("/journeys/{id}/versions/{version}")
    JourneyView.Version version(@PathParam("id") String id, @PathParam("version") int version);

    /** {@code action}: pause, resume or archive. */
    @POST
    @Path("/journeys/{id}/{action}")
    JourneyView.StatusChange change(@PathParam("id") String id, @PathParam("action") String action);

    /** Every run of one contact with its history. */
    @GET
    @Path("/contacts/{id}/journeys")
    List<ContactView.Run> runs(@PathParam("id") String contactId);
}
