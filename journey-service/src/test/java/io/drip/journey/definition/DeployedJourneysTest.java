package io.drip.journey.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The sample journeys in deploy/journeys, which the local system runs, stay valid. */
class DeployedJourneysTest {

    @Test
    void theSampleJourneysLoad() throws IOException {
        Map<String, JourneyDefinition> journeys;
        try (Stream<Path> files = Files.list(Path.of("../deploy/journeys"))) {
            journeys = files.filter(JourneyDirectory::isJourneyFile).map(JourneyReader::read).collect(Collectors.toMap(JourneyDefinition::id, j -> j));
        }
        assertEquals(Set.of("welcome", "abandoned-checkout", "win-back", "post-purchase", "size-survey", "vip-rounds"),
                journeys.keySet());
        assertEquals("Checkout Started", journeys.get("abandoned-checkout").trigger().event());
        assertEquals(true, journeys.get("win-back").trigger().isInactivity());
        assertEquals("vip", journeys.get("vip-rounds").trigger().audience().segment());
    }
}
