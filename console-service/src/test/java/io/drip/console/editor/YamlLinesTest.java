package io.drip.console.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class YamlLinesTest {

    @Test
    void theLineOfTheProblemIsMarkedWithItsColumn() {
        List<YamlLines.Line> lines = YamlLines.of("journey: x\r\nsteps:\n  - goto: nowhere\n", 3, 5);
        assertEquals(4, lines.size(), "the last, empty line too");
        assertEquals(new YamlLines.Line(3, "  - goto: nowhere", true, 5), lines.get(2));
        assertEquals(List.of(false, false, true, false), lines.stream().map(YamlLines.Line::problem).toList());
        assertEquals(List.of(false, false, false), YamlLines.of("a\nb\nc", 0, 0).stream().map(YamlLines.Line::problem)
                .toList(), "no problem, nothing marked");
    }
}
