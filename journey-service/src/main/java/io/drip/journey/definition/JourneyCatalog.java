package io.drip.journey.definition;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Every version of every journey, read from {@link JourneyStore} and kept in memory: the current
 * version of an active journey takes new contacts; runs in flight find the version they started
 * on. {@link #refresh()} picks up versions and statuses that other replicas stored.
 */
@ApplicationScoped
public class JourneyCatalog {
    private static final Logger LOG = Logger.getLogger(JourneyCatalog.class);

    @Inject
    Pool pool;

    @Inject
    JourneyStore store;

    /** The demo's time compression: every journey duration divided by this (1: as written). */
    @ConfigProperty(name = "drip.journeys.time-compression")
    long timeCompression;

    private final Map<String, Map<Integer, JourneyDefinition>> versions = new ConcurrentHashMap<>();
    private volatile Map<String, JourneyDefinition> current = Map.of();
    private volatile Map<String, String> statuses = Map.of();

    void warnIfCompressed(@Observes StartupEvent event) {
        if (timeCompression < 1) {
            throw new IllegalStateException("drip.journeys.time-compression must be 1 or more, not " + timeCompression);
        }
        if (timeCompression > 1) {
            LOG.warnf("TIME COMPRESSION ON: every journey duration is divided by %d (1 day lasts %s); "
                    + "for demos only (DRIP_TIME_COMPRESSION)", timeCompression, Duration.ofDays(1).dividedBy(timeCompression));
        }
    }

    /** Reads the versions stored since the last refresh and every journey's status. */
    public Uni<Void> refresh() {
        List<String> known = new ArrayList<>();
        versions.forEach((id, byNumber) -> byNumber.keySet().forEach(v -> known.add(id + ":" + v)));
        return store.versionsNotIn(pool, known).chain(stored -> store.statuses(pool).invoke(latestStatuses -> {
            for (JourneyStore.StoredVersion version : stored) {
                // a stored version was valid when stored; the reader has not changed since in this process
                JourneyDefinition journey = JourneyReader.read(version.origin(), new StringReader(version.yaml()))
                        .withVersion(version.version()).compressed(timeCompression);
                versions.computeIfAbsent(version.journeyId(), id -> new ConcurrentHashMap<>()).put(version.version(), journey);
            }
            Map<String, JourneyDefinition> latest = new HashMap<>();
            versions.forEach((id, byNumber) -> latest.put(id, byNumber.get(byNumber.keySet().stream()
                    .max(Integer::compare).orElseThrow())));
            current = Map.copyOf(latest);
            statuses = Map.copyOf(latestStatuses);
            if (!stored.isEmpty()) {
                LOG.infof("journeys now: %s", describe());
            }
        })).replaceWithVoid();
    }

    /** The version a run is on, as this replica has read it. */
    public Optional<JourneyDefinition> find(String id, int version) {
        return Optional.ofNullable(versions.getOrDefault(id, Map.of()).get(version));
    }

    /**
     * The version a run is on, read from the database first if this replica has not read it yet:
     * another replica stored it (and entered the run) since this one last refreshed.
     */
    public Uni<Optional<JourneyDefinition>> findOrLoad(String id, int version) {
        Optional<JourneyDefinition> known = find(id, version);
        return known.isPresent() ? Uni.createFrom().item(known) : refresh().map(loaded -> find(id, version));
    }

    /** The latest version of the journey, whatever its status. */
    public Optional<JourneyDefinition> latest(String id) {
        return Optional.ofNullable(current.get(id));
    }

    /** The latest version of every journey. */
    public Collection<JourneyDefinition> all() {
        return current.values();
    }

    public String status(String id) {
        return statuses.getOrDefault(id, JourneyStore.ACTIVE);
    }

    /** Whether an event with this name matters to a journey (to its runs in flight on any version too). */
    public boolean concerns(String event) {
        return versions.values().stream().flatMap(v -> v.values().stream()).anyMatch(j -> j.concerns(event));
    }

    /** The journeys whose latest version has this goal event; it counts for their runs on every version. */
    public List<JourneyDefinition> withGoal(String event) {
        return current.values().stream().filter(j -> j.goal() != null && j.goal().event().equals(event)).toList();
    }

    /** The active journeys whose trigger is an event with this name (their {@code when} is checked later). */
    public List<JourneyDefinition> triggeredBy(String event) {
        return entering().stream().filter(j -> event.equals(j.trigger().event())).toList();
    }

    /** Does an event with this name trigger a journey whose {@code when} reads the contact? */
    public boolean triggersOnContact(String event) {
        return triggeredBy(event).stream().anyMatch(j -> j.trigger().readsContact());
    }

    /** The active journeys a contact enters after a time without events. */
    public List<JourneyDefinition> inactivityJourneys() {
        return entering().stream().filter(j -> j.trigger().isInactivity()).toList();
    }

    /** The active journeys whose members are a segment's, entered at scheduled rounds. */
    public List<JourneyDefinition> audienceJourneys() {
        return entering().stream().filter(j -> j.trigger().isAudience()).toList();
    }

    private List<JourneyDefinition> entering() {
        return current.values().stream().filter(j -> JourneyStore.ACTIVE.equals(status(j.id()))).toList();
    }

    private String describe() {
        List<String> parts = new ArrayList<>();
        current.values().forEach(j -> parts.add(j.id() + " v" + j.version() + " (" + status(j.id()) + ")"));
        return String.join(", ", parts);
    }
}
