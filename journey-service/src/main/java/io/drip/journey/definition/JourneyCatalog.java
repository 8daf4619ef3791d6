package io.drip.journey.definition;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The journeys this service runs, read at start-up from the YAML files in
 * {@code drip.journeys.dir}. One bad file stops the start with every problem listed, so that a
 * broken deploy never runs half its journeys.
 */
@Startup
@ApplicationScoped
public class JourneyCatalog {
    private static final Logger LOG = Logger.getLogger(JourneyCatalog.class);

    @ConfigProperty(name = "drip.journeys.dir")
    Path directory;

    private Map<String, JourneyDefinition> journeys = Map.of();

    @PostConstruct
    void load() {
        journeys = loadAll(directory);
        LOG.infof("loaded %d journeys from %s: %s", journeys.size(), directory, journeys.keySet());
    }

    static Map<String, JourneyDefinition> loadAll(Path directory) {
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list journeys in " + directory.toAbsolutePath()
                    + " (set drip.journeys.dir / DRIP_JOURNEYS_DIR): " + e.getMessage(), e);
        }
        Map<String, JourneyDefinition> loaded = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            try {
                JourneyDefinition journey = JourneyReader.read(file);
                JourneyDefinition clash = loaded.putIfAbsent(journey.id(), journey);
                if (clash != null) {
                    problems.add(file + ":1:1: journey id '" + journey.id() + "' is also used by " + clash.source());
                }
            } catch (JourneyFileException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid journeys:\n  " + String.join("\n  ", problems));
        }
        return Map.copyOf(loaded);
    }

    public Optional<JourneyDefinition> find(String id) {
        return Optional.ofNullable(journeys.get(id));
    }

    public Collection<JourneyDefinition> all() {
        return journeys.values();
    }

    /** Whether an event with this name matters to any journey (an inactivity trigger: every event does). */
    public boolean concerns(String event) {
        return journeys.values().stream().anyMatch(j -> j.trigger().isInactivity() || event.equals(j.trigger().event())
                || j.exitWhen().contains(event)
                || (j.goal() != null && j.goal().event().equals(event))
                || j.steps().stream().anyMatch(s -> s instanceof WaitForStep w && w.waitsForEvent(event)));
    }

    /** The journeys whose goal is an event with this name. */
    public List<JourneyDefinition> withGoal(String event) {
        return journeys.values().stream().filter(j -> j.goal() != null && j.goal().event().equals(event)).toList();
    }

    /** The journeys whose trigger is an event with this name (their {@code when} is checked later). */
    public List<JourneyDefinition> triggeredBy(String event) {
        return journeys.values().stream().filter(j -> event.equals(j.trigger().event())).toList();
    }

    /** The journeys a contact enters after a time without events. */
    public List<JourneyDefinition> inactivityJourneys() {
        return journeys.values().stream().filter(j -> j.trigger().isInactivity()).toList();
    }
}
