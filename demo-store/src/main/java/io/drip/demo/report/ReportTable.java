package io.drip.demo.report;

import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Lays {@link JourneyFigures} out as the text table the demo prints. */
public final class ReportTable {
    private static final String ROW = "  %-18s %-10s %7s %6s %9s %6s %6s %10s %7s %5s %7s %9s %9s%n";
    private static final String AB_ROW = "    %-10s %6s %8s %7s %9s %7s %11s %8s%n";

    private ReportTable() {
    }

    public static String render(List<JourneyFigures> journeys) {
        StringBuilder out = new StringBuilder();
        for (JourneyFigures journey : journeys) {
            journey(out, journey);
        }
        out.append("""
                entered: runs that reached the step, one message each; sent, delivered, failed: as dispatch reported them;
                queued: held by dispatch for now (quiet hours or a no-marketing day where the shopper lives);
                suppressed: not sent, by reason (opted_out after STOP/TD, cap_daily, cap_min_gap...); clicked: messages a
                person tapped (bots: link previews and other fetches, never counted as clicks); replied: messages answered by
                SMS (answers: by the step each answer led to; STOP and HELP are no answers); converted: goal reached.
                """);
        return out.toString();
    }

    private static void journey(StringBuilder out, JourneyFigures j) {
        out.append(String.format(Locale.ROOT, "Journey %s \"%s\" (version %d, %s)%n", j.id(), j.name(), j.version(), j.status()));
        out.append(String.format(Locale.ROOT, "  runs: entered %d, active %d, completed %d, exited %d%s; converted %d, revenue %s%n",
                j.entered(), j.active(), j.completed(), j.exited(), reasons(j.exitReasons()), j.converted(),
                j.revenue().setScale(2, RoundingMode.HALF_UP)));
        for (JourneyFigures.Round round : j.rounds()) {
            out.append(String.format(Locale.ROOT, "  round %s%s: %s%n", round.round(), round.manual() ? " (started now)" : "",
                    "planned".equals(round.status()) ? "planned"
                            : String.format(Locale.ROOT, "%s, %d of %d members reached, %d entered", round.status(),
                                    round.reached(), round.audienceSize(), round.entered())));
        }
        if (j.steps().isEmpty()) {
            out.append("  no messages yet\n\n");
            return;
        }
        out.append(String.format(Locale.ROOT, ROW, "step", "variant", "entered", "sent", "delivered", "queued", "failed",
                "suppressed", "clicked", "bots", "replied", "converted", "revenue"));
        for (JourneyFigures.Step s : j.steps()) {
            out.append(String.format(Locale.ROOT, ROW, s.step(), s.variant() == null ? "-" : s.variant(), s.entered(), s.sent(),
                    s.delivered(), s.queued(), s.failed(), s.suppressed(), s.clicked(), s.bots(), s.replied(), s.converted(),
                    s.revenue().setScale(2, RoundingMode.HALF_UP)));
            if (!s.suppressedBy().isEmpty() || !s.queuedBy().isEmpty()) {
                out.append(String.format(Locale.ROOT, "  %-29s%s%s%n", "",
                        s.suppressedBy().isEmpty() ? "" : "suppressed:" + reasons(s.suppressedBy()) + " ",
                        s.queuedBy().isEmpty() ? "" : "queued for:" + reasons(s.queuedBy())));
            }
        }
        j.answers().forEach((wait, ledTo) -> out.append(String.format(Locale.ROOT, "  answers at \"%s\":%s%n", wait,
                reasons(ledTo))));
        for (JourneyFigures.AbTest test : j.abTests()) {
            abTest(out, test);
        }
        out.append('\n');
    }

    private static void abTest(StringBuilder out, JourneyFigures.AbTest test) {
        out.append(String.format(Locale.ROOT, "  A/B test \"%s\", conversions compared with %s:%n", test.step(), test.baseline()));
        out.append(String.format(Locale.ROOT, AB_ROW, "variant", "runs", "clicked", "rate", "converted", "rate",
                "difference", "p-value"));
        for (JourneyFigures.Variant v : test.variants()) {
            boolean baseline = v.variant().equals(test.baseline());
            out.append(String.format(Locale.ROOT, AB_ROW, v.variant(), v.runs(), v.clicked(), percent(v.clicked(), v.runs()),
                    v.converted(), percent(v.converted(), v.runs()),
                    baseline ? "baseline" : v.difference() == null ? "-" : String.format(Locale.ROOT, "%+.1f pts", 100 * v.difference()),
                    baseline ? "" : v.pValue() == null ? "n/a" : String.format(Locale.ROOT, "%.3f", v.pValue())));
        }
        out.append(test.winner() != null
                ? "    winner: " + test.winner() + " (converts better than every other group, p < 0.05)\n"
                : "    no winner yet (no variant converts better than all the others beyond chance, p < 0.05)\n");
    }

    private static String reasons(Map<String, Long> counts) {
        return counts.isEmpty() ? ""
                : " (" + counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + ")";
    }

    private static String percent(long part, long of) {
        return of == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / of);
    }
}
