package io.drip.console.journeys;

import io.drip.console.api.JourneyApi;
import io.drip.console.api.JourneyView;
import io.drip.console.pages.Viewer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Page 1, the journeys: each with its status, version and figures (marketers' buttons: {@link JourneyActions}). */
@Path("/")
@Authenticated
public class JourneysPage {
    /** One journey's line. */
    public record Line(JourneyView.Summary journey, JourneyView.Stats stats) {
    }

    @CheckedTemplate(basePath = "journeys")
    static class Templates {
        static native TemplateInstance list(Viewer viewer, List<Line> journeys);
    }

    @Inject
    @RestClient
    JourneyApi api;

    @Inject
    SecurityIdentity identity;

    @GET
    public Response home() {
        return Response.seeOther(URI.create("/journeys")).build();
    }

    @GET
    @Path("journeys")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list() {
        List<Line> lines = api.list().stream().sorted(Comparator.comparing(JourneyView.Summary::id))
                .map(journey -> new Line(journey, api.stats(journey.id(), null))).toList();
        return Templates.list(Viewer.of(identity), lines);
    }
}
