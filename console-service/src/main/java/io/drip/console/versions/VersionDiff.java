package io.drip.console.versions;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.List;

/**
 * What a journey version changed against the previous one, as a unified diff (java-diff-utils),
 * one {@link Line} per line of it so that the page can colour additions and removals.
 */
public final class VersionDiff {
    /** Unchanged lines shown around each change. */
    private static final int CONTEXT = 3;

    private VersionDiff() {
    }

    /** {@code kind}: {@code added}, {@code removed}, {@code hunk} (an {@code @@} line) or {@code same}. */
    public record Line(String kind, String text) {
    }

    /** The changes from {@code before} (version {@code n - 1}) to {@code after} (version {@code n}); empty when none. */
    public static List<Line> of(int version, String before, String after) {
        List<String> old = before.lines().toList();
        Patch<String> patch = DiffUtils.diff(old, after.lines().toList());
        if (patch.getDeltas().isEmpty()) {
            return List.of();
        }
        return UnifiedDiffUtils.generateUnifiedDiff("version " + (version - 1), "version " + version, old, patch, CONTEXT)
                .stream().map(VersionDiff::line).toList();
    }

    private static Line line(String text) {
        if (text.startsWith("+++") || text.startsWith("---")) {
            return new Line("file", text);
        }
        if (text.startsWith("@@")) {
            return new Line("hunk", text);
        }
        if (text.startsWith("+")) {
            return new Line("added", text);
        }
        return new Line(text.startsWith("-") ? "removed" : "same", text);
    }
}
