package io.drip.contact.imports;

import io.drip.contact.ingest.SourceRegions;
import io.drip.kit.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

/**
 * {@code POST /v1/contacts/import}: a CSV file (header first) as the request body, read as it
 * arrives; answers the report once every row is applied.
 */
@Path("/v1/contacts/import")
public class ContactImportResource {

    @Inject
    ContactImport contactImport;

    @Inject
    SourceRegions regions;

    @Inject
    SecurityIdentity identity;

    @POST
    @Blocking
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MARKETER)
    public ImportReport importCsv(@QueryParam("region") String region, InputStream csv) {
        return contactImport.run(csv, regions.requested(region), identity.getPrincipal().getName());
    }
}
