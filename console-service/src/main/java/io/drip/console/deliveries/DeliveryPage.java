package io.drip.console.deliveries;

import io.drip.console.api.DeliveryReport;
import io.drip.console.api.DispatchApi;
import io.drip.console.api.JourneyApi;
import io.drip.console.api.JourneyView;
import io.drip.console.pages.TimeRange;
import io.drip.console.pages.Viewer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Page 4, deliveries: dispatch-service's delivery report for one journey or all, over a time
 * range (UTC): messages by status (the campaign's progress from queued to delivered), failure
 * and suppression reasons, why queued ones wait, by country, region, carrier and provider,
 * segments, cost by currency, time from sent to delivered (percentiles and distribution) and
 * the messages by status over time. {@code live} reloads it every 5 s.
 */
@Path("/deliveries")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class DeliveryPage {
    private static final String NONE = "—";
    /** The report's dimensions in the order the page shows them, with their titles. */
    private static final List<List<String>> SHOWN = List.of(List.of("byStatus", "By status"),
            List.of("byReason", "Failure and suppression reasons"), List.of("byQueuedReason", "Queued, waiting for"),
            List.of("byCountry", "By country"), List.of("byRegion", "By region"), List.of("byCarrier", "By carrier"),
            List.of("byProvider", "By provider"));

    /** One dimension of the report: its counts, largest first. */
    public record Dimension(String name, String title, List<Map.Entry<String, Long>> counts) {
    }

    @CheckedTemplate(basePath = "deliveries")
    static class Templates {
        static native TemplateInstance report(Viewer viewer, List<String> journeys, String journey, TimeRange range,
                boolean live, DeliveryReport report, List<Dimension> dimensions, String latency, String within10s,
                Dimension timesToDelivered, StatusTimeline overTime);
    }

    private final DispatchApi dispatch;
    private final JourneyApi journeys;
    private final SecurityIdentity identity;

    DeliveryPage(@RestClient DispatchApi dispatch, @RestClient JourneyApi journeys, SecurityIdentity identity) {
        this.dispatch = dispatch;
        this.journeys = journeys;
        this.identity = identity;
    }

    /** {@code from}, {@code to}: a browser's date-time field (yyyy-MM-ddTHH:mm), read in UTC; empty for unbounded. */
    @GET
    public TemplateInstance report(@QueryParam("journey") String journey, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("every") String every, @QueryParam("live") boolean live) {
        String chosen = journey == null || journey.isBlank() ? null : journey;
        TimeRange range = TimeRange.of(from, to, every);
        DeliveryReport report = dispatch.deliveries(chosen, range.fromInstant(), range.toInstant(), range.width());
        List<Dimension> dimensions = SHOWN.stream().map(d -> new Dimension(d.get(0), d.get(1),
                report.counts().getOrDefault(d.get(0), Map.of()).entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).toList())).toList();
        String within10s = report.deliveredWithin10s() == null ? NONE
                : String.format(Locale.ROOT, "%.1f %%", report.deliveredWithin10s() * 100);
        DeliveryReport.Latency times = report.timeToDelivered();
        String latency = times == null || times.p50() == null ? NONE : String.format(Locale.ROOT,
                "p50 %.1f s · p90 %.1f s · p99 %.1f s", times.p50(), times.p90(), times.p99());
        return Templates.report(Viewer.of(identity), journeys.list().stream().map(JourneyView.Summary::id).sorted().toList(),
                chosen, range, live, report, dimensions, latency, within10s, distribution(report.timesToDelivered()),
                StatusTimeline.of(report.overTime()));
    }

    /** The API's sent-to-delivered buckets, labelled by their bounds ("5–10 s"), in order. */
    private static Dimension distribution(List<DeliveryReport.Duration> durations) {
        List<Map.Entry<String, Long>> counts = new ArrayList<>();
        Integer previous = null;
        for (DeliveryReport.Duration duration : durations) {
            String label = duration.upTo() == null ? "> " + previous + " s"
                    : previous == null ? "≤ " + duration.upTo() + " s" : previous + "–" + duration.upTo() + " s";
            counts.add(Map.entry(label, duration.messages()));
            previous = duration.upTo();
        }
        return new Dimension("timesToDelivered", "Sent → delivered", counts);
    }
}
