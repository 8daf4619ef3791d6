package io.drip.console.journeys;

import io.drip.console.api.ApiFailure;
import io.drip.console.api.JourneyApi;
import io.drip.console.api.JourneyView;
import io.drip.console.graph.Funnel;
import io.drip.console.graph.JourneyGraph;
import io.drip.console.pages.Viewer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Page 1, the journeys: each with its status, version and figures (marketers' buttons:
 * {@link JourneyActions}). Page 2, a journey: the chosen version's steps as a graph with each
 * step's funnel, and its YAML.
 */
@Path("/")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class JourneyPages {

    /** One journey's line on page 1. */
    public record Line(JourneyView.Summary journey, JourneyView.Stats stats) {
    }

    @CheckedTemplate(basePath = "journeys")
    static class Templates {
        static native TemplateInstance list(Viewer viewer, List<Line> journeys);

        static native TemplateInstance journey(Viewer viewer, JourneyView.Summary journey, JourneyView.Version version,
                List<Integer> versions, JourneyView.Stats stats, String graph);
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
    public TemplateInstance list() {
        List<Line> lines = api.list().stream().sorted(Comparator.comparing(JourneyView.Summary::id))
                .map(journey -> new Line(journey, api.stats(journey.id(), null))).toList();
        return Templates.list(Viewer.of(identity), lines);
    }

    @GET
    @Path("journeys/{id}")
    public TemplateInstance journey(@PathParam("id") String id, @QueryParam("version") Integer version) {
        JourneyView.Summary journey = api.list().stream().filter(j -> j.id().equals(id)).findFirst()
                .orElseThrow(() -> new ApiFailure(404, "no journey with id '" + id + "'"));
        int chosen = version == null ? journey.version() : version;
        JourneyView.Version shown = api.version(id, chosen);
        JourneyView.Stats stats = api.stats(id, chosen);
        List<Integer> versions = IntStream.rangeClosed(1, journey.version()).boxed().toList();
        return Templates.journey(Viewer.of(identity), journey, shown, versions, stats,
                JourneyGraph.svg(shown.outline(), new Funnel(stats)));
    }
}
