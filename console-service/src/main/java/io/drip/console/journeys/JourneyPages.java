package io.drip.console.journeys;

import io.drip.console.api.ApiFailure;
import io.drip.console.api.JourneyApi;
import io.drip.console.api.JourneyView;
import io.drip.console.graph.Funnel;
import io.drip.console.graph.JourneyGraph;
import io.drip.console.pages.Viewer;
import io.drip.console.pages.TimeRange;
import io.drip.console.splits.AutoWinnerText;
import io.drip.console.splits.SplitRows;
import io.drip.console.splits.SplitTimeline;
import io.drip.console.versions.VersionDiff;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
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
import java.util.Set;
import java.util.stream.IntStream;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Page 1, the journeys: each with its status, version and figures, and a marketer's buttons
 * (pause, resume, archive: form posts with their CSRF token). Page 2, a journey: the chosen version's steps as a graph with each
 * step's funnel, its YAML and what it changed against the previous version. Page 3, an A/B test: one split step's variants with their click
 * and conversion rates, 95 % intervals, p-values against the baseline and the winner, as
 * journey-service's stats API computed them, and the rates over time; tables, and charts drawn by
 * ECharts from those tables. Pages 2 and 3 count the runs that entered in the chosen time range. One resource for every page under /journeys: a GET of an A/B page
 * must not be matched against another resource's /journeys/{id}/{action}.
 */
@Path("/")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class JourneyPages {
    private static final Set<String> ACTIONS = Set.of("pause", "resume", "archive");

    /** One journey's line on page 1. */
    public record Line(JourneyView.Summary journey, JourneyView.Stats stats) {
    }

    @CheckedTemplate(basePath = "journeys")
    static class Templates {
        static native TemplateInstance list(Viewer viewer, List<Line> journeys);

        static native TemplateInstance journey(Viewer viewer, JourneyView.Summary journey, JourneyView.Version version,
                List<Integer> versions, TimeRange range, JourneyView.Stats stats, String graph, List<String> splits,
                List<VersionDiff.Line> diff);

        static native TemplateInstance split(Viewer viewer, String journey, Integer version, String step,
                TimeRange range, JourneyView.Split split, List<SplitRows.Row> rows, AutoWinnerText auto, String every,
                List<SplitTimeline.Row> overTime);
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
                .map(journey -> new Line(journey, api.stats(journey.id(), null, null, null))).toList();
        return Templates.list(Viewer.of(identity), lines);
    }

    @GET
    @Path("journeys/{id}")
    public TemplateInstance journey(@PathParam("id") String id, @QueryParam("version") Integer version,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("every") String every) {
        TimeRange range = TimeRange.of(from, to, every);
        JourneyView.Summary journey = api.list().stream().filter(j -> j.id().equals(id)).findFirst()
                .orElseThrow(() -> new ApiFailure(404, "no journey with id '" + id + "'"));
        int chosen = version == null ? journey.version() : version;
        JourneyView.Version shown = api.version(id, chosen);
        JourneyView.Stats stats = api.stats(id, chosen, range.fromInstant(), range.toInstant());
        List<Integer> versions = IntStream.rangeClosed(1, journey.version()).boxed().toList();
        return Templates.journey(Viewer.of(identity), journey, shown, versions, range, stats,
                JourneyGraph.svg(shown.outline(), new Funnel(stats),
                        step -> "/journeys/" + id + "/splits/" + step + "?version=" + chosen + range.andQuery()),
                shown.outline().steps().stream().filter(step -> "split".equals(step.kind()))
                        .map(JourneyView.Node::id).toList(),
                chosen == 1 ? List.of() : VersionDiff.of(chosen, api.version(id, chosen - 1).yaml(), shown.yaml()));
    }

    @GET
    @Path("journeys/{id}/splits/{step}")
    public TemplateInstance split(@PathParam("id") String id, @PathParam("step") String step,
            @QueryParam("version") Integer version, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("every") String every) {
        TimeRange range = TimeRange.of(from, to, every);
        JourneyView.Stats stats = api.stats(id, version, range.fromInstant(), range.toInstant());
        JourneyView.Split split = stats.splits() == null ? null : stats.splits().get(step);
        if (split == null) {
            throw new ApiFailure(404, "journey '" + id + "' has no split step '" + step + "'");
        }
        JourneyView.SplitSeries series = api.splitOverTime(id, step, version, range.fromInstant(), range.toInstant(),
                range.width());
        return Templates.split(Viewer.of(identity), id, version, step, range, split, SplitRows.of(split),
                AutoWinnerText.of(split), series.every(), SplitTimeline.of(series));
    }

    /** A marketer pauses, resumes or archives a journey. */
    @POST
    @Path("journeys/{id}/{action}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Viewer.MARKETER)
    public Response change(@PathParam("id") String id, @PathParam("action") String action) {
        if (!ACTIONS.contains(action)) {
            throw new NotFoundException();
        }
        api.change(id, action);
        return Response.seeOther(URI.create("/journeys")).build();
    }
}
