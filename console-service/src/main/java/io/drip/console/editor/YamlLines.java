package io.drip.console.editor;

import java.util.ArrayList;
import java.util.List;

/** A journey's YAML as numbered lines, the line of a problem marked (the editor shows it beside the text). */
public final class YamlLines {

    /** One line; {@code column} is where the problem is on it, 0 on every other line. */
    public record Line(int number, String text, boolean problem, int column) {
    }

    private YamlLines() {
    }

    /** @param problemLine 1-based, 0 for none */
    public static List<Line> of(String yaml, int problemLine, int problemColumn) {
        List<Line> lines = new ArrayList<>();
        String[] texts = yaml.split("\r?\n", -1);
        for (int i = 0; i < texts.length; i++) {
            boolean problem = i + 1 == problemLine;
            lines.add(new Line(i + 1, texts[i], problem, problem ? problemColumn : 0));
        }
        return lines;
    }
}
