package io.drip.console.imports;

import io.drip.console.api.ApiFailure;
import io.drip.console.api.ContactApi;
import io.drip.console.api.ContactView;
import io.drip.console.pages.Viewer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Importing contacts from a CSV file (marketers): the file goes to contact-service's
 * {@code POST /v1/contacts/imports}, which answers at once; the import's page shows how far it
 * got ({@code GET /v1/contacts/imports/{id}}) and reloads itself every second until it is done.
 */
@Path("/imports")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ImportPages {

    @CheckedTemplate(basePath = "imports")
    static class Templates {
        static native TemplateInstance upload(Viewer viewer);

        static native TemplateInstance progress(Viewer viewer, ContactView.ImportJob job, long percent);
    }

    private final ContactApi contacts;
    private final SecurityIdentity identity;

    ImportPages(@RestClient ContactApi contacts, SecurityIdentity identity) {
        this.contacts = contacts;
        this.identity = identity;
    }

    @GET
    @RolesAllowed(Viewer.MARKETER)
    public TemplateInstance upload() {
        return Templates.upload(Viewer.of(identity));
    }

    /** {@code region}: where numbers without a country code are read (contact-service's default when empty). */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Viewer.MARKETER)
    public Response start(@RestForm("file") FileUpload file, @RestForm("region") String region) {
        if (file == null || file.size() == 0) {
            throw new ApiFailure(400, "choose a CSV file to import");
        }
        byte[] csv;
        try {
            csv = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ContactView.ImportJob job = contacts.startImport(region == null || region.isBlank() ? null : region, csv);
        return Response.seeOther(URI.create("/imports/" + job.importId())).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Viewer.MARKETER)
    public TemplateInstance progress(@PathParam("id") String id) {
        ContactView.ImportJob job = contacts.importJob(id);
        long percent = job.expectedRows() == 0 ? 100 : Math.min(100, job.rows() * 100 / job.expectedRows());
        return Templates.progress(Viewer.of(identity), job, "running".equals(job.status()) ? percent : 100);
    }
}
