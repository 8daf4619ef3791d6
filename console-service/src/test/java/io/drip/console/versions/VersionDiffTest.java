package io.drip.console.versions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VersionDiffTest {

    @Test
    void aChangedLineIsRemovedThenAddedWithTheUnchangedLinesAroundIt() {
        List<VersionDiff.Line> diff = VersionDiff.of(2, "journey: x\nsteps:\n  - wait: 1d\n",
                "journey: x\nsteps:\n  - wait: 2d\n");
        assertEquals(List.of("file", "file", "hunk", "same", "same", "removed", "added"),
                diff.stream().map(VersionDiff.Line::kind).toList());
        assertEquals("--- version 1", diff.get(0).text());
        assertEquals("-  - wait: 1d", diff.get(5).text());
        assertEquals("+  - wait: 2d", diff.get(6).text());
    }

    @Test
    void theSameYamlHasNoChanges() {
        assertTrue(VersionDiff.of(3, "journey: x\n", "journey: x\n").isEmpty());
    }
}
