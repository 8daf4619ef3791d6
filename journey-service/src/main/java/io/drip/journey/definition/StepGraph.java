package io.drip.journey.definition;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The structure checks of a journey: every step can be reached from the first, and no loop
 * lacks a wait (a run must never spin through steps without time passing).
 */
final class StepGraph {

    /** What is wrong, and at which step. */
    record Problem(String stepId, String message) {
    }

    /**
     * A labelled way out of a step (label null for "then"); a target past the last step
     * completes the run, {@link #LEAVES} ends it where it is (a split's holdout).
     */
    record Edge(String label, int target) {
        static final int LEAVES = -1;

        boolean leaves() {
            return target == LEAVES;
        }
    }

    private StepGraph() {
    }

    static Optional<Problem> check(JourneyDefinition journey) {
        return unreachable(journey).or(() -> loopWithoutWait(journey));
    }

    /** The steps a run can go to from step {@code index}; an index past the last one ends the run. */
    static List<Integer> successors(JourneyDefinition journey, int index) {
        return edges(journey, index).stream().filter(edge -> !edge.leaves()).map(Edge::target).toList();
    }

    /**
     * The ways out of step {@code index}, labelled as a graph shows them: a branch's conditions
     * and {@code otherwise}, a wait_for's awaited outcome (a reply wait's answers, then any other reply)
     * and {@code timeout}, a split's variants
     * (a holdout leaves the journey), a webhook's answer and failure (without {@code on_failure}
     * the run leaves), {@code goto} where a step names its successor.
     */
    static List<Edge> edges(JourneyDefinition journey, int index) {
        Step step = journey.step(index);
        List<Edge> next = new ArrayList<>();
        if (step instanceof BranchStep branch) {
            branch.cases().forEach(c -> next.add(new Edge(c.condition().expression(), journey.indexOf(c.target()))));
            next.add(new Edge("otherwise", journey.following(index)));
        } else if (step instanceof WaitForStep waitFor) {
            waitFor.answers().forEach(c -> next.add(new Edge(c.condition().expression(), journey.indexOf(c.target()))));
            next.add(new Edge(waitFor.answers().isEmpty() ? waitFor.describe() : "other reply", journey.following(index)));
            next.add(new Edge("timeout", waitFor.onTimeout() == null ? index + 1 : journey.indexOf(waitFor.onTimeout())));
        } else if (step instanceof SplitStep split) {
            int total = split.variants().stream().mapToInt(SplitStep.Variant::weight).sum();
            split.variants().forEach(v -> next.add(new Edge(v.name() + " " + Math.round(100.0 * v.weight() / total) + "%",
                    v.holdout() ? Edge.LEAVES : journey.indexOf(v.target()))));
        } else if (step instanceof WebhookStep webhook) {
            next.add(new Edge("answer", journey.following(index)));
            next.add(new Edge("failure", webhook.onFailure() == null ? Edge.LEAVES : journey.indexOf(webhook.onFailure())));
        } else if (!(step instanceof ExitStep)) {
            next.add(new Edge(step.next() == null ? null : "goto", journey.following(index)));
        }
        return next;
    }

    private static Optional<Problem> unreachable(JourneyDefinition journey) {
        boolean[] reached = new boolean[journey.steps().size()];
        Deque<Integer> todo = new ArrayDeque<>(List.of(0));
        while (!todo.isEmpty()) {
            int index = todo.pop();
            if (index >= reached.length || reached[index]) {
                continue;
            }
            reached[index] = true;
            todo.addAll(successors(journey, index));
        }
        for (int i = 0; i < reached.length; i++) {
            if (!reached[i]) {
                return Optional.of(new Problem(journey.step(i).id(), "step '" + journey.step(i).id()
                        + "' can never be reached: no step before it leads there (add a goto or remove it)"));
            }
        }
        return Optional.empty();
    }

    /** A depth-first search that does not follow edges out of wait steps finds the spinning loops. */
    private static Optional<Problem> loopWithoutWait(JourneyDefinition journey) {
        int[] state = new int[journey.steps().size()]; // 0 new, 1 on the current path, 2 done
        for (int start = 0; start < state.length; start++) {
            List<Integer> path = new ArrayList<>();
            Optional<Problem> loop = visit(journey, start, state, path);
            if (loop.isPresent()) {
                return loop;
            }
        }
        return Optional.empty();
    }

    private static Optional<Problem> visit(JourneyDefinition journey, int index, int[] state, List<Integer> path) {
        if (index >= state.length || state[index] == 2) {
            return Optional.empty();
        }
        path.add(index);
        if (state[index] == 1) {
            List<String> ids = path.subList(path.indexOf(index), path.size()).stream()
                    .map(i -> journey.step(i).id()).toList();
            return Optional.of(new Problem(journey.step(index).id(), "the steps " + String.join(" -> ", ids)
                    + " loop without a wait; add a wait so a run cannot spin"));
        }
        state[index] = 1;
        if (!(journey.step(index) instanceof WaitStep || journey.step(index) instanceof WaitForStep)) {
            for (int next : successors(journey, index)) {
                Optional<Problem> loop = visit(journey, next, state, path);
                if (loop.isPresent()) {
                    return loop;
                }
            }
        }
        state[index] = 2;
        path.remove(path.size() - 1);
        return Optional.empty();
    }
}
