package io.drip.journey.simulate;

/** A timeline as aligned text: offset, run, step, what happened, details. */
final class TimelineText {

    private TimelineText() {
    }

    static String format(Simulation.Timeline timeline) {
        StringBuilder text = new StringBuilder();
        for (Simulation.Entry entry : timeline.entries()) {
            String line = String.format("%-10s %-4s %-12s %-16s %s", entry.after(),
                    entry.run() == 0 ? "" : "#" + entry.run(), entry.step() == null ? "" : entry.step(), entry.what(),
                    entry.detail() == null ? "" : entry.detail());
            text.append(line.stripTrailing()).append('\n');
        }
        return text.toString();
    }
}
