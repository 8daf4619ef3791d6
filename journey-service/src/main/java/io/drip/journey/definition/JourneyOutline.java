package io.drip.journey.definition;

import java.util.ArrayList;
import java.util.List;

/**
 * A journey version's steps as a graph: what each step is and where a run can go from it, with
 * the labels a drawing puts on the edges (see {@link StepGraph#edges}).
 */
public record JourneyOutline(List<Node> steps) {
    /** The target of an edge that completes the run (past the last step). */
    public static final String END = "(end)";

    /** One step: its id, kind (send, wait, wait_for, branch, split, exit, update, webhook) and a one-line summary. */
    public record Node(String id, String kind, String summary, List<Edge> next) {
    }

    /** A way out of a step: the step it leads to ({@link #END}, or null when the run leaves there) and its label. */
    public record Edge(String to, String label) {
    }

    public static JourneyOutline of(JourneyDefinition journey) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < journey.steps().size(); i++) {
            Step step = journey.step(i);
            List<Edge> edges = StepGraph.edges(journey, i).stream()
                    .map(e -> new Edge(e.leaves() ? null : e.target() >= journey.steps().size() ? END
                            : journey.step(e.target()).id(), e.label()))
                    .toList();
            nodes.add(new Node(step.id(), kind(step), summary(step), edges));
        }
        return new JourneyOutline(List.copyOf(nodes));
    }

    private static String kind(Step step) {
        return step instanceof SendStep ? "send" : step instanceof WaitStep ? "wait"
                : step instanceof WaitForStep ? "wait_for" : step instanceof BranchStep ? "branch"
                : step instanceof SplitStep ? "split" : step instanceof ExitStep ? "exit"
                : step instanceof WebhookStep ? "webhook" : "update";
    }

    private static String summary(Step step) {
        if (step instanceof SendStep send) {
            return send.category() + " " + (send.media().isEmpty() ? send.channel() : "mms, " + send.media().size()
                    + (send.media().size() == 1 ? " image" : " images"))
                    + (send.bestTime() == null ? "" : ", " + send.bestTime().describe()) + ": " + send.text();
        } else if (step instanceof WaitStep wait) {
            return wait.time().describe();
        } else if (step instanceof WaitForStep waitFor) {
            return waitFor.describe() + " within " + waitFor.within().toString().substring(2).toLowerCase();
        } else if (step instanceof BranchStep branch) {
            return branch.cases().size() + (branch.cases().size() == 1 ? " condition" : " conditions");
        } else if (step instanceof SplitStep split) {
            return split.variants().size() + " variants";
        } else if (step instanceof ExitStep exit) {
            return exit.reason();
        } else if (step instanceof UpdateStep update) {
            return "set " + update.traits();
        } else if (step instanceof WebhookStep webhook) {
            return webhook.describe() + (webhook.name() == null ? "" : " as webhook." + webhook.name());
        }
        throw new IllegalStateException("a step kind the outline does not know: " + step);
    }
}
