package io.drip.journey.run;

import io.drip.journey.definition.JourneyCatalog;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.engine.EventDecider;
import io.drip.journey.engine.Run;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The journeys a batch of runs is on, loaded before anything is decided (an older version may have
 * to come from the database), so the deciding code needs no round trip of its own.
 */
@ApplicationScoped
public class RunJourneys {

    @Inject
    JourneyCatalog catalog;

    /** The versions these runs are on, by {@link #key}; a version gone from the database is missing. */
    public Uni<Map<String, JourneyDefinition>> versionsOf(Collection<Run> runs) {
        List<Run> distinct = runs.stream().collect(Collectors.toMap(RunJourneys::key, run -> run, (a, b) -> a))
                .values().stream().toList();
        Map<String, JourneyDefinition> versions = new HashMap<>();
        return Multi.createFrom().iterable(distinct)
                .onItem().transformToUniAndConcatenate(run -> catalog.findOrLoad(run.journeyId(), run.journeyVersion())
                        .invoke(found -> found.ifPresent(journey -> versions.put(key(run), journey))))
                .collect().last().replaceWith(versions);
    }

    /** The catalog's journeys for deciding events, with these runs' versions loaded. */
    public Uni<EventDecider.Journeys> forRuns(Collection<Run> runs) {
        return versionsOf(runs).map(versions -> new EventDecider.Journeys() {
            @Override
            public List<JourneyDefinition> withGoal(String event) {
                return catalog.withGoal(event);
            }

            @Override
            public List<JourneyDefinition> triggeredBy(String event) {
                return catalog.triggeredBy(event);
            }

            @Override
            public List<JourneyDefinition> inactivity() {
                return catalog.inactivityJourneys();
            }

            @Override
            public Optional<JourneyDefinition> of(Run run) {
                JourneyDefinition loaded = versions.get(key(run));
                return loaded != null ? Optional.of(loaded) : catalog.find(run.journeyId(), run.journeyVersion());
            }
        });
    }

    static String key(Run run) {
        return run.journeyId() + '\n' + run.journeyVersion();
    }
}
