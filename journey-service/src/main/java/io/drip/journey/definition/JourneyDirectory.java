package io.drip.journey.definition;

import io.drip.kit.work.Poller;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The journey files in {@code drip.journeys.dir} (a ConfigMap in Kubernetes), read at start and
 * re-read every {@code drip.journeys.reload-interval}: a changed file becomes a new version; an
 * invalid one is rejected with its errors (see {@link #problems()}) while its previous version
 * keeps running. Removing a file changes nothing: archiving is an explicit act (the API).
 */
@ApplicationScoped
public class JourneyDirectory {
    private static final Logger LOG = Logger.getLogger(JourneyDirectory.class);

    @ConfigProperty(name = "drip.journeys.dir")
    Path directory;

    @ConfigProperty(name = "drip.journeys.reload-interval")
    Duration reloadInterval;

    @Inject
    Pool pool;

    @Inject
    JourneyStore store;

    @Inject
    JourneyCatalog catalog;

    @Inject
    Poller poller;

    @Inject
    JourneyValidator validator;

    /** The text last stored per file, so an unchanged file costs no database round trip. */
    private final Map<Path, String> stored = new ConcurrentHashMap<>();
    private final Map<Path, String> problems = new ConcurrentHashMap<>();

    /** Before the consumers start: no event may find the catalog empty. */
    void start(@Observes @Priority(1) StartupEvent event) {
        sync().await().atMost(Duration.ofMinutes(1));
        poller.every("journey reload", reloadInterval, this::sync);
    }

    /** The files that were rejected, with their errors (file:line:column: problem). */
    public Map<Path, String> problems() {
        return Map.copyOf(problems);
    }

    Uni<Void> sync() {
        return Uni.createFrom().item(this::readChanged).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(changed -> Multi.createFrom().iterable(changed)
                        .onItem().transformToUniAndConcatenate(file -> pool.withTransaction(tx ->
                                        store.publish(tx, file.journey().id(), file.yaml(), file.path().toString()))
                                .invoke(published -> {
                                    stored.put(file.path(), file.yaml());
                                    if (published.created()) {
                                        LOG.infof("%s: journey %s version %d", file.path(), file.journey().id(),
                                                published.version());
                                    }
                                }))
                        .collect().asList())
                .chain(catalog::refresh);
    }

    private record ChangedFile(Path path, String yaml, JourneyDefinition journey) {
    }

    private List<ChangedFile> readChanged() {
        List<ChangedFile> changed = new ArrayList<>();
        Map<String, Path> ids = new java.util.HashMap<>();
        for (Path file : files()) {
            String yaml;
            try {
                yaml = Files.readString(file);
            } catch (IOException e) {
                reject(file, file + ":1:1: cannot read the file: " + e.getMessage());
                continue;
            }
            try {
                JourneyDefinition journey = validator.read(file.toString(), yaml);
                Path clash = ids.putIfAbsent(journey.id(), file);
                if (clash != null) {
                    reject(file, file + ":1:1: journey id '" + journey.id() + "' is also used by " + clash);
                } else if (!yaml.equals(stored.get(file))) {
                    problems.remove(file);
                    changed.add(new ChangedFile(file, yaml, journey));
                }
            } catch (JourneyFileException e) {
                reject(file, e.getMessage());
            }
        }
        return changed;
    }

    private void reject(Path file, String problem) {
        if (!problem.equals(problems.put(file, problem))) {
            LOG.errorf("journey file rejected, its previous version (if any) keeps running: %s", problem);
        }
    }

    /** A YAML file, except the Kustomize file that makes the directory a ConfigMap (deploy/journeys). */
    public static boolean isJourneyFile(Path file) {
        String name = file.getFileName().toString();
        return (name.endsWith(".yaml") || name.endsWith(".yml")) && !name.startsWith("kustomization.");
    }

    private List<Path> files() {
        try (Stream<Path> list = Files.list(directory)) {
            return list.filter(JourneyDirectory::isJourneyFile).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list journeys in " + directory.toAbsolutePath()
                    + " (set drip.journeys.dir / DRIP_JOURNEYS_DIR): " + e.getMessage(), e);
        }
    }
}
