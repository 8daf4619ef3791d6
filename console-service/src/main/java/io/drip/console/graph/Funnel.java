package io.drip.console.graph;

import io.drip.console.api.JourneyView;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/** Each step's figures from the stats API: runs that reached it and, for a send, what its messages did. */
public final class Funnel {
    private final Map<String, Long> reached;
    private final List<JourneyView.StepStats> messages;

    public Funnel(JourneyView.Stats stats) {
        this.reached = stats.reached() == null ? Map.of() : stats.reached();
        this.messages = stats.steps() == null ? List.of() : stats.steps();
    }

    public long reached(String stepId) {
        return reached.getOrDefault(stepId, 0L);
    }

    /**
     * One line: "reached 12 · sent 10 · delivered 9 · clicked 3 · suppressed 2" (message figures for
     * a send only), then "· replied 4" when its messages were answered by SMS.
     */
    String describe(JourneyView.Node node) {
        String line = "reached " + reached(node.id());
        if (!"send".equals(node.kind())) {
            return line;
        }
        List<JourneyView.StepStats> own = messages.stream().filter(s -> node.id().equals(s.step())).toList();
        return line + " · sent " + sum(own, JourneyView.StepStats::sent)
                + " · delivered " + sum(own, JourneyView.StepStats::delivered)
                + " · clicked " + sum(own, JourneyView.StepStats::clicked)
                + " · suppressed " + sum(own, JourneyView.StepStats::suppressed)
                + (sum(own, JourneyView.StepStats::replied) == 0 ? "" : " · replied " + sum(own, JourneyView.StepStats::replied));
    }

    private static long sum(List<JourneyView.StepStats> steps, ToLongFunction<JourneyView.StepStats> figure) {
        return steps.stream().mapToLong(figure).sum();
    }
}
