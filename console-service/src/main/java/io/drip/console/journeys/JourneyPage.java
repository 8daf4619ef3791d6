package io.drip.console.journeys;

import io.drip.console.api.ApiFailure;
import io.drip.console.api.JourneyApi;
import io.drip.console.api.JourneyView;
import io.drip.console.graph.JourneyGraph;
import io.drip.console.graph.Funnel;
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
import java.util.List;
import java.util.stream.IntStream;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Page 2, a journey: the chosen version's steps as a graph with each step's funnel, and its YAML. */
@Path("/journeys/{id}")
@Authenticated
public class JourneyPage {

    @CheckedTemplate(basePath = "journeys")
    static class Templates {
        static native TemplateInstance journey(Viewer viewer, JourneyView.Summary journey, JourneyView.Version version,
                List<Integer> versions, JourneyView.Stats stats, String graph);
    }

    @Inject
    @RestClient
    JourneyApi api;

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance show(@PathParam("id") String id, @QueryParam("version") Integer version) {
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
