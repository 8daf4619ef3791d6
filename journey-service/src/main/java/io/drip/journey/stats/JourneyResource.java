package io.drip.journey.stats;

import io.drip.journey.audience.AudienceProgress;
import io.drip.journey.autowinner.SplitDecisions;
import io.drip.journey.definition.JourneyCatalog;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.definition.JourneyDirectory;
import io.drip.journey.definition.SplitStep;
import io.drip.journey.definition.Step;
import io.drip.journey.engine.Run;
import io.drip.kit.security.Roles;
import io.drip.kit.web.Params;
import io.drip.kit.web.Period;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The journeys this service runs, and what each achieved. */
@Path("/v1/journeys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.OPS})
public class JourneyResource {
    /**
     * The runs a stats query counts: of journey $1, of version $2 (null: all), that entered
     * between $3 and $4 (each null: unbounded), as the alias {@code r}.
     */
    static final String RUNS = """
            r.journey_id = $1 and ($2::int is null or r.journey_version = $2)
            and ($3::timestamptz is null or r.entered_at >= $3) and ($4::timestamptz is null or r.entered_at < $4)""";

    /** A journey's runs by status and exit reason. */
    static final String RUNS_BY_STATUS = """
            select status, exit_reason, count(*) as runs, count(converted_at) as converted,
              coalesce(sum(revenue), 0) as revenue
            from journey_run r where""" + " " + RUNS + " group by status, exit_reason";

    /** Of a group of runs {@code r}: how many, how many converted, how many clicked one of their messages. */
    static final String VARIANT_COUNTS = """
            count(*) as runs, count(converted_at) as converted,
              count(*) filter (where exists (select 1 from message m where m.run_id = r.id
                and m.first_click_at is not null)) as clicked""";

    /** A journey's runs by split variant, with those that clicked. */
    static final String RUNS_BY_VARIANT = "select variant, " + VARIANT_COUNTS + " from journey_run r where " + RUNS
            + " and variant is not null group by variant";


    /** A loaded journey as the API shows it. */
    public record JourneySummary(String id, int version, String status, String name, String trigger,
            List<String> steps, String source) {
    }

    /** An audience journey's latest rounds in its stats. */
    private static final int AUDIENCE_ROUNDS = 5;

    @Inject
    JourneyCatalog catalog;

    @Inject
    AudienceProgress audience;

    @Inject
    JourneyDirectory directory;

    @Inject
    Pool pool;

    @Inject
    MessageLog messages;

    @Inject
    SplitDecisions decisions;

    /** The journey files refused at the last reading of the directory, with their errors; their last good version runs. */
    @GET
    @Path("/problems")
    public Map<String, String> problems() {
        Map<String, String> problems = new TreeMap<>();
        directory.problems().forEach((file, problem) -> problems.put(file.toString(), problem));
        return problems;
    }

    @GET
    public List<JourneySummary> list() {
        return catalog.all().stream().map(j -> new JourneySummary(j.id(), j.version(), catalog.status(j.id()), j.name(),
                j.trigger().describe(), j.steps().stream().map(Step::id).toList(), j.source())).toList();
    }

    /**
     * What the journey achieved, in all versions or in {@code version}: the runs that entered
     * between {@code from} and {@code to} (ISO-8601 instants, each optional) and what became of them.
     */
    @GET
    @Path("/{id}/stats")
    public Uni<JourneyStats> stats(@PathParam("id") String id, @QueryParam("version") String versionParam,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        Integer version = Params.integer("version", versionParam, null);
        JourneyDefinition journey = catalog.latest(id)
                .orElseThrow(() -> new NotFoundException("no journey with id '" + id + "'"));
        Period period = Period.of(from, to);
        Tuple runs = runs(id, version, period);
        return pool.preparedQuery(RUNS_BY_STATUS)
                .execute(runs)
                .chain(rows -> {
                    Map<String, Long> byStatus = new HashMap<>();
                    Map<String, Long> exitReasons = new TreeMap<>();
                    long converted = 0;
                    BigDecimal revenue = BigDecimal.ZERO;
                    for (Row row : rows) {
                        converted += row.getLong("converted");
                        revenue = revenue.add(row.getBigDecimal("revenue"));
                        byStatus.merge(row.getString("status"), row.getLong("runs"), Long::sum);
                        if (row.getString("exit_reason") != null) {
                            exitReasons.merge(row.getString("exit_reason"), row.getLong("runs"), Long::sum);
                        }
                    }
                    long entered = byStatus.values().stream().mapToLong(Long::longValue).sum();
                    long finalConverted = converted;
                    BigDecimal finalRevenue = revenue;
                    int decidedIn = version == null ? journey.version() : version;
                    return reached(runs).chain(reached -> messages.stepStats(pool, RUNS, runs).chain(steps ->
                            replies(runs).chain(replies -> splits(journey, decidedIn, runs).chain(splits ->
                                    audience.rounds(pool, id, AUDIENCE_ROUNDS).chain(rounds -> queued(id).chain(queued ->
                                    webhooks(runs).map(webhooks -> new JourneyStats(
                                    id, version, period, entered, byStatus.getOrDefault(Run.ACTIVE, 0L),
                                    byStatus.getOrDefault(Run.COMPLETED, 0L), byStatus.getOrDefault(Run.EXITED, 0L),
                                    exitReasons, finalConverted, finalRevenue, reached, steps, replies, splits,
                                    rounds, queued, webhooks))))))));
                });
    }

    /** The journey's runs waiting in its entry queue (throttled trigger) for their slot. */
    private Uni<Long> queued(String id) {
        return pool.preparedQuery("select count(*) from journey_run where journey_id = $1 and status = 'active' "
                        + "and entry_slot is not null and entry_slot > now()")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The parameters of {@link #RUNS}. */
    static Tuple runs(String id, Integer version, Period period) {
        return Tuple.of(id, version, period.sqlFrom(), period.sqlTo());
    }

    /** Per step id, the runs that reached it: from the run history, where every step a run takes leaves a line. */
    private Uni<Map<String, Long>> reached(Tuple runs) {
        return pool.preparedQuery("""
                        select h.step_id, count(distinct h.run_id) as runs from run_history h
                        join journey_run r on r.id = h.run_id
                        where h.step_id is not null and""" + " " + RUNS + " group by h.step_id")
                .execute(runs)
                .map(rows -> {
                    Map<String, Long> reached = new TreeMap<>();
                    rows.forEach(row -> reached.put(row.getString("step_id"), row.getLong("runs")));
                    return reached;
                });
    }

    /** Per reply wait (its step id), the answers and where they led. */
    private Uni<Map<String, JourneyStats.ReplyStats>> replies(Tuple runs) {
        return pool.preparedQuery("""
                        select p.step_id, p.led_to, count(*) as replies from run_reply p
                        join journey_run r on r.id = p.run_id
                        where""" + " " + RUNS + " group by p.step_id, p.led_to")
                .execute(runs)
                .map(rows -> {
                    Map<String, Map<String, Long>> ledTo = new TreeMap<>();
                    rows.forEach(row -> ledTo.computeIfAbsent(row.getString("step_id"), step -> new TreeMap<>())
                            .put(row.getString("led_to"), row.getLong("replies")));
                    Map<String, JourneyStats.ReplyStats> replies = new TreeMap<>();
                    ledTo.forEach((step, counts) -> replies.put(step, new JourneyStats.ReplyStats(
                            counts.values().stream().mapToLong(Long::longValue).sum(), counts)));
                    return replies;
                });
    }

    /** Per webhook step (its step id), its calls and their attempts. */
    private Uni<Map<String, JourneyStats.WebhookStats>> webhooks(Tuple runs) {
        return pool.preparedQuery("""
                        select c.step_id, count(*) as calls, coalesce(sum(c.attempts), 0) as attempts,
                          coalesce(sum(c.failures), 0) as failures,
                          count(*) filter (where c.status = 'answered') as answered,
                          count(*) filter (where c.status = 'failed') as failed,
                          count(*) filter (where c.status = 'pending') as pending,
                          count(*) filter (where c.status = 'abandoned') as abandoned
                        from webhook_call c join journey_run r on r.id = c.run_id
                        where""" + " " + RUNS + " group by c.step_id")
                .execute(runs)
                .map(rows -> {
                    Map<String, JourneyStats.WebhookStats> webhooks = new TreeMap<>();
                    rows.forEach(row -> webhooks.put(row.getString("step_id"), new JourneyStats.WebhookStats(
                            row.getLong("calls"), row.getLong("attempts"), row.getLong("failures"), row.getLong("answered"),
                            row.getLong("failed"), row.getLong("pending"), row.getLong("abandoned"))));
                    return webhooks;
                });
    }

    /**
     * The result of each split of the journey's latest version, by step id, with the auto-winner's
     * decision in version {@code decidedIn}.
     */
    private Uni<Map<String, SplitResults>> splits(JourneyDefinition journey, int decidedIn, Tuple runs) {
        List<SplitStep> splits = journey.steps().stream().filter(s -> s instanceof SplitStep).map(s -> (SplitStep) s)
                .toList();
        if (splits.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery(RUNS_BY_VARIANT)
                .execute(runs)
                .map(rows -> {
                    Map<String, SplitResults.Counts> byVariant = new HashMap<>();
                    rows.forEach(row -> byVariant.put(row.getString("variant"), new SplitResults.Counts(
                            row.getString("variant"), row.getLong("runs"), row.getLong("clicked"),
                            row.getLong("converted"))));
                    Map<String, SplitResults> results = new TreeMap<>();
                    for (SplitStep split : splits) {
                        results.put(split.id(), SplitResults.of(split.variants().stream()
                                .map(v -> byVariant.getOrDefault(v.name(), new SplitResults.Counts(v.name(), 0, 0, 0)))
                                .toList(), SplitStep.HOLDOUT).withAutoWinner(split.autoWinner(),
                                decisions.decision(journey.id(), decidedIn, split.id()).orElse(null)));
                    }
                    return results;
                });
    }
}
