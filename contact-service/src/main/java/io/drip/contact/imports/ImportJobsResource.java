package io.drip.contact.imports;

import io.drip.contact.ingest.SourceRegions;
import io.drip.kit.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * {@code POST /v1/contacts/imports}: a CSV file as {@code POST /v1/contacts/import} takes it,
 * answered at once (202) with the import's id while its rows are applied;
 * {@code GET /v1/contacts/imports/{id}}: how far it got ({@link ImportJobs}).
 */
@Path("/v1/contacts/imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportJobsResource {

    @Inject
    ImportJobs jobs;

    @Inject
    SourceRegions regions;

    @Inject
    SecurityIdentity identity;

    @POST
    @Blocking
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed(Roles.MARKETER)
    public Response start(@QueryParam("region") String region, byte[] csv) {
        ImportJobs.Job job = jobs.start(csv, regions.requested(region), identity.getPrincipal().getName());
        return Response.accepted(job).location(URI.create("/v1/contacts/imports/" + job.importId())).build();
    }

    @GET
    @Path("/{id}")
    @Blocking
    @RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.OPS})
    public ImportJobs.Job progress(@PathParam("id") String id) {
        return jobs.find(id).orElseThrow(() -> new NotFoundException("no import with id '" + id + "'"));
    }
}
