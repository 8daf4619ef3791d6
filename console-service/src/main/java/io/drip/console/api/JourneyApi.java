package io.drip.console.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
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

    /** {@code from}, {@code to}: ISO-8601 instants bounding when the counted runs entered (null: unbounded). */
    @GET
    @Path("/journeys/{id}/stats")
    JourneyView.Stats stats(@PathParam("id") String id, @QueryParam("version") Integer version,
            @QueryParam("from") String from, @QueryParam("to") String to);

    /** A split's rates per variant over time, in buckets of {@code every} (minute, hour or day). */
    @GET
    @Path("/journeys/{id}/splits/{step}/over-time")
    JourneyView.SplitSeries splitOverTime(@PathParam("id") String id, @PathParam("step") String step,
            @QueryParam("version") Integer version, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("every") String every);

    @GET
    @Path("/journeys/{id}/versions/{version}")
    JourneyView.Version version(@PathParam("id") String id, @PathParam("version") int version);

    /** Stores the YAML as the journey's next version (or finds it is its latest). */
    @POST
    @Path("/journeys")
    @Consumes("application/yaml")
    JourneyView.Published publish(String yaml);

    /** Checks the YAML as publishing would, storing nothing. */
    @POST
    @Path("/journeys/validate")
    @Consumes("application/yaml")
    JourneyView.Valid validate(String yaml);

    /** Runs a journey for one made-up contact on a virtual clock (docs/journeys.md). */
    @POST
    @Path("/journeys/simulate")
    @Consumes(MediaType.APPLICATION_JSON)
    JourneyView.Timeline simulate(Map<String, Object> request);

    /** {@code action}: pause, resume or archive. */
    @POST
    @Path("/journeys/{id}/{action}")
    JourneyView.StatusChange change(@PathParam("id") String id, @PathParam("action") String action);

    /** Every run of one contact with its history. */
    @GET
    @Path("/contacts/{id}/journeys")
    List<ContactView.Run> runs(@PathParam("id") String contactId);
}
