package io.drip.console.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** contact-service's API as the console uses it (docs/contacts.md). */
@Path("/v1/contacts")
@RegisterRestClient(configKey = "contact")
@RegisterProvider(ApiKeyHeader.class)
@RegisterProvider(ApiFailures.class)
public interface ContactApi {

    @GET
    @Path("/{id}")
    ContactView.Profile contact(@PathParam("id") String id);

    @GET
    ContactView.Found byPhone(@QueryParam("phone") String phone);

    @GET
    @Path("/{id}/consent")
    ContactView.ConsentTrail consent(@PathParam("id") String id);

    /** Starts importing a CSV file; answers at once with the import's id. */
    @POST
    @Path("/imports")
    @Consumes("text/csv")
    ContactView.ImportJob startImport(@QueryParam("region") String region, byte[] csv);

    /** How far an import got. */
    @GET
    @Path("/imports/{id}")
    ContactView.ImportJob importJob(@PathParam("id") String id);
}
