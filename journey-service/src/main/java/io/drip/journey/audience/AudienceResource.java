package io.drip.journey.audience;

import io.drip.journey.definition.Audience;
import io.drip.journey.definition.JourneyCatalog;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.definition.JourneyStore;
import io.drip.journey.definition.JourneyValidator;
import io.drip.kit.clock.DatabaseClock;
import io.drip.kit.security.Roles;
import io.drip.kit.web.InvalidRequestException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * An audience journey's audience: {@code POST /v1/journeys/{id}/audience/preview} gives its size
 * and a sample of members before publishing (the YAML in the body; an empty body: the journey as
 * published), {@code GET /v1/journeys/{id}/audience} how far its rounds are, and
 * {@code POST /v1/journeys/{id}/audience/rounds} starts a round now, beside the schedule.
 */
@Path("/v1/journeys/{id}/audience")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.OPS})
public class AudienceResource {
    private static final int ROUNDS_SHOWN = 50;

    /**
     * The audience now: the segment's size and its first members in contact id order (as this
     * service's projection of the contacts knows them: a segment contact-service does not have
     * has no members), when the next round would start (null when the schedule is over), and the
     * window its members' first steps are spread over (ISO-8601, such as PT2H; null: none).
     */
    public record Preview(String journey, String segment, long size, List<String> sample, LocalDateTime nextRound,
            Instant nextRoundStartsAt, boolean localTime, String spread) {
    }

    @Inject
    JourneyCatalog catalog;

    @Inject
    JourneyValidator validator;

    @Inject
    SegmentMembers members;

    @Inject
    AudienceProgress progress;

    @Inject
    AudienceConfig config;

    @Inject
    Pool pool;

    @Inject
    DatabaseClock clock;

    @ConfigProperty(name = "drip.journeys.default-timezone")
    ZoneId defaultZone;

    @POST
    @Path("/preview")
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
    public Uni<Preview> preview(@PathParam("id") String id, String yaml) {
        JourneyDefinition journey = yaml == null || yaml.isBlank() ? published(id) : validator.read("request", yaml);
        if (!journey.id().equals(id)) {
            throw new InvalidRequestException("/journey", "the YAML is journey '" + journey.id() + "', not '" + id + "'");
        }
        Audience audience = journey.trigger().audience();
        if (audience == null) {
            throw new InvalidRequestException("/trigger", "journey '" + id + "' has no audience trigger");
        }
        LocalDateTime next = audience.roundAfter(null, Instant.now(), defaultZone).orElse(null);
        return members.size(pool, audience.segment())
                .chain(size -> members.page(pool, audience.segment(), null, config.sampleSize())
                        .map(page -> new Preview(id, audience.segment(), size, page.contactIds(), next,
                                next == null ? null : audience.startOf(next, defaultZone), audience.localTime(),
                                audience.spread() == null ? null : audience.spread().toString())));
    }

    /**
     * Starts a round of an active audience journey now (a "send now" beside its schedule): named
     * by this moment in the default zone, it reaches every member at once, whatever their zone,
     * under the same rules as a scheduled round. 202 with the round; its progress is then in
     * {@link #rounds}.
     */
    @POST
    @Path("/rounds")
    @RolesAllowed(Roles.MARKETER)
    public Uni<Response> startNow(@PathParam("id") String id) {
        JourneyDefinition journey = published(id);
        if (journey.trigger().audience() == null) {
            throw new InvalidRequestException("/trigger", "journey '" + id + "' has no audience trigger");
        }
        if (!JourneyStore.ACTIVE.equals(catalog.status(id))) {
            throw new ClientErrorException("journey '" + id + "' is " + catalog.status(id)
                    + ": only an active journey's rounds run", Response.Status.CONFLICT);
        }
        return pool.withTransaction(tx -> clock.now(tx).chain(now -> tx.preparedQuery(
                        "insert into audience_round (journey_id, round, starts_at, due_at, status, manual) "
                        + "values ($1, $2, $3, $3, 'planned', true) on conflict do nothing returning " + RoundRow.COLUMNS)
                .execute(Tuple.of(id, LocalDateTime.ofInstant(now, defaultZone).truncatedTo(ChronoUnit.SECONDS),
                        now.atOffset(ZoneOffset.UTC)))))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new ClientErrorException("a round of journey '" + id + "' was started this very second",
                                Response.Status.CONFLICT);
                    }
                    return Response.accepted(RoundRow.of(rows.iterator().next())).build();
                });
    }

    @GET
    public Uni<List<RoundRow>> rounds(@PathParam("id") String id) {
        published(id);
        return progress.rounds(pool, id, ROUNDS_SHOWN);
    }

    private JourneyDefinition published(String id) {
        return catalog.latest(id).orElseThrow(() -> new NotFoundException("no journey with id '" + id + "'"));
    }
}
