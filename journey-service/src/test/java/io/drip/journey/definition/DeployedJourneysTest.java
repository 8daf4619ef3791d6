package io.drip.journey.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The sample journeys in deploy/journeys, which the local system runs, stay valid. */
class DeployedJourneysTest {

    @Test
    void theSampleJourneysLoad() {
        var journeys = JourneyCatalog.loadAll(Path.of("../deploy/journeys"));
        assertEquals(Set.of("welcome", "abandoned-checkout", "win-back", "post-purchase"), journeys.keySet());
        assertEquals("Checkout Started", journeys.get("abandoned-checkout").trigger().event());
        assertEquals(true, journeys.get("win-back").trigger().isInactivity());
    }
}
