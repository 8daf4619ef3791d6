package io.drip.journey.definition;

import io.drip.contracts.SendCommand;
import io.drip.journey.message.MessageRenderer;
import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a journey file. It walks SnakeYAML's node tree rather than binding to classes, so that
 * every error can name the file, line and column of the value at fault.
 */
public final class JourneyReader {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Set<String> CATEGORIES = Set.of("marketing", "transactional");
    private static final Set<String> ACTIONS = Set.of("send", "wait", "wait_for", "exit", "branch", "split");
    private static final Set<String> STEP_KEYS =
            Set.of("id", "goto", "else", "on_timeout", "send", "wait", "wait_for", "exit", "branch", "split");

    private final String file;
    private final Map<Node, String> targets = new LinkedHashMap<>();
    private final Map<Node, String> clickTargets = new LinkedHashMap<>();

    private JourneyReader(String file) {
        this.file = file;
    }

    public static JourneyDefinition read(Path path) {
        try (Reader reader = Files.newBufferedReader(path)) {
            return read(path.toString(), reader);
        } catch (IOException e) {
            throw new JourneyFileException(path.toString(), 1, 1, "cannot read the file: " + e.getMessage());
        }
    }

    public static JourneyDefinition read(String file, Reader yaml) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(yaml);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            throw new JourneyFileException(file, mark.getLine() + 1, mark.getColumn() + 1,
                    "not valid YAML: " + e.getProblem());
        }
        if (root == null) {
            throw new JourneyFileException(file, 1, 1, "the file is empty; a journey needs journey, trigger and steps");
        }
        return new JourneyReader(file).journey(root);
    }

    private JourneyDefinition journey(Node root) {
        Map<String, Node> fields = mapping(root, "the journey",
                Set.of("journey", "name", "version", "trigger", "reentry", "exit_when", "goal", "send_window", "steps"));
        String id = id(required(root, fields, "journey"), "journey id");
        String name = fields.containsKey("name") ? scalar(fields.get("name"), "name") : id;
        int version = fields.containsKey("version") ? positiveInt(fields.get("version"), "version") : 1;
        Node triggerNode = required(root, fields, "trigger");
        Trigger trigger = trigger(triggerNode);
        Reentry reentry = fields.containsKey("reentry") ? reentry(fields.get("reentry")) : Reentry.NEVER;
        Set<String> exitWhen = fields.containsKey("exit_when") ? eventNames(fields.get("exit_when")) : Set.of();
        Goal goal = fields.containsKey("goal") ? goal(fields.get("goal")) : null;
        SendCommand.SendWindow sendWindow = fields.containsKey("send_window") ? sendWindow(fields.get("send_window")) : null;
        Node stepsNode = required(root, fields, "steps");
        if (!(stepsNode instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
            throw error(stepsNode, "steps must be a non-empty list of steps");
        }
        List<Step> steps = new ArrayList<>();
        Map<String, Node> stepNodes = new LinkedHashMap<>();
        for (Node stepNode : sequence.getValue()) {
            Step step = step(stepNode, steps.size() + 1);
            if (stepNodes.put(step.id(), stepNode) != null) {
                throw error(stepNode, "duplicate step id '" + step.id() + "'; step ids must be unique in a journey");
            }
            steps.add(step);
        }
        for (Map.Entry<Node, String> target : targets.entrySet()) {
            if (!stepNodes.containsKey(target.getValue())) {
                throw error(target.getKey(), "'" + target.getValue() + "' is not a step of this journey; its steps are "
                        + stepNodes.keySet());
            }
        }
        for (Map.Entry<Node, String> clicked : clickTargets.entrySet()) {
            if (!(steps.get(indexOf(steps, clicked.getValue())) instanceof SendStep)) {
                throw error(clicked.getKey(), "'" + clicked.getValue() + "' is not a send step: only messages are clicked");
            }
        }
        JourneyDefinition journey = new JourneyDefinition(id, version, name, trigger, reentry, exitWhen, goal, sendWindow,
                List.copyOf(steps), file);
        StepGraph.check(journey).ifPresent(problem ->
                { throw error(stepNodes.get(problem.stepId()), problem.message()); });
        return journey;
    }

    private Step step(Node node, int position) {
        Map<String, Node> fields = mapping(node, "a step", STEP_KEYS);
        List<String> actions = fields.keySet().stream().filter(ACTIONS::contains).toList();
        if (actions.size() != 1) {
            throw error(node, "a step needs exactly one of " + ACTIONS.stream().sorted().toList()
                    + (actions.isEmpty() ? "" : "; this one has " + actions));
        }
        String action = actions.get(0);
        String id = fields.containsKey("id") ? id(fields.get("id"), "step id") : "step-" + position;
        String next = fields.containsKey("goto") ? target(fields.get("goto")) : null;
        if (next != null && !Set.of("send", "wait", "wait_for").contains(action)) {
            throw error(fields.get("goto"), "goto belongs to send, wait and wait_for steps; a " + action
                    + " step decides itself");
        }
        if (fields.containsKey("else") && !action.equals("branch")) {
            throw error(fields.get("else"), "else belongs to branch steps");
        }
        if (fields.containsKey("on_timeout") && !action.equals("wait_for")) {
            throw error(fields.get("on_timeout"), "on_timeout belongs to wait_for steps");
        }
        Node value = fields.get(action);
        return switch (action) {
            case "send" -> send(id, value, next);
            case "wait" -> new WaitStep(id, duration(value), next);
            case "wait_for" -> waitFor(id, value, fields.containsKey("on_timeout") ? target(fields.get("on_timeout")) : null,
                    next);
            case "exit" -> new ExitStep(id, id(value, "exit reason"));
            case "branch" -> branch(id, value, fields.containsKey("else") ? target(fields.get("else")) : null);
            default -> split(id, value);
        };
    }

    private SendStep send(String id, Node sendNode, String next) {
        Map<String, Node> send = mapping(sendNode, "send", Set.of("channel", "category", "text"));
        String channel = scalar(required(sendNode, send, "channel"), "channel");
        if (!channel.equals("sms")) {
            throw error(send.get("channel"), "channel '" + channel + "' is not supported; use sms");
        }
        String category = scalar(required(sendNode, send, "category"), "category");
        if (!CATEGORIES.contains(category)) {
            throw error(send.get("category"), "category must be marketing or transactional, not '" + category + "'");
        }
        Node textNode = required(sendNode, send, "text");
        String text = scalar(textNode, "text");
        MessageRenderer.checkSyntax(text).ifPresent(problem -> {
            throw error(textNode, "the text is not valid Liquid: " + problem);
        });
        return new SendStep(id, channel, category, text, next);
    }

    private BranchStep branch(String id, Node node, String otherwise) {
        if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
            throw error(node, "branch must be a list of cases, each with 'when' (a CEL condition) and 'goto'");
        }
        List<BranchStep.Case> cases = new ArrayList<>();
        for (Node caseNode : sequence.getValue()) {
            Map<String, Node> fields = mapping(caseNode, "a branch case", Set.of("when", "goto"));
            Condition condition = condition(required(caseNode, fields, "when"));
            cases.add(new BranchStep.Case(condition, target(required(caseNode, fields, "goto"))));
        }
        return new BranchStep(id, List.copyOf(cases), otherwise);
    }

    private SplitStep split(String id, Node node) {
        if (!(node instanceof MappingNode mapping) || mapping.getValue().size() < 2) {
            throw error(node, "split must map at least two variant names to {weight, goto}");
        }
        List<SplitStep.Variant> variants = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String name = scalar(tuple.getKeyNode(), "a variant name");
            Map<String, Node> fields = mapping(tuple.getValueNode(), "variant " + name, Set.of("weight", "goto"));
            int weight = positiveInt(required(tuple.getValueNode(), fields, "weight"), "weight");
            if (!fields.containsKey("goto") && !name.equals(SplitStep.HOLDOUT)) {
                throw error(tuple.getValueNode(), "variant '" + name + "' needs a goto; only '" + SplitStep.HOLDOUT
                        + "' gets nothing");
            }
            if (fields.containsKey("goto") && name.equals(SplitStep.HOLDOUT)) {
                throw error(fields.get("goto"), "the holdout gets nothing: it has no goto");
            }
            variants.add(new SplitStep.Variant(name, weight, fields.containsKey("goto") ? target(fields.get("goto")) : null));
        }
        return new SplitStep(id, List.copyOf(variants));
    }

    private WaitForStep waitFor(String id, Node node, String onTimeout, String next) {
        Map<String, Node> fields = mapping(node, "wait_for", Set.of("event", "clicked", "within"));
        if (fields.containsKey("event") == fields.containsKey("clicked")) {
            throw error(node, "wait_for needs either 'event' (an event name) or 'clicked' (the id of a send step)");
        }
        String event = fields.containsKey("event") ? scalar(fields.get("event"), "event") : null;
        String clicked = fields.containsKey("clicked") ? target(fields.get("clicked")) : null;
        if (clicked != null) {
            clickTargets.put(fields.get("clicked"), clicked);
        }
        return new WaitForStep(id, event, clicked, duration(required(node, fields, "within")), onTimeout, next);
    }

    private Reentry reentry(Node node) {
        if (node instanceof ScalarNode) {
            String policy = scalar(node, "reentry");
            return switch (policy) {
                case "never" -> Reentry.NEVER;
                case "always" -> Reentry.ALWAYS;
                default -> throw error(node, "reentry is never, always or {after: <duration>}, not '" + policy + "'");
            };
        }
        Map<String, Node> fields = mapping(node, "reentry", Set.of("after"));
        return new Reentry(Reentry.Policy.AFTER, duration(required(node, fields, "after")));
    }

    private Trigger trigger(Node node) {
        Map<String, Node> fields = mapping(node, "trigger", Set.of("event", "when", "inactive"));
        if (fields.containsKey("event") == fields.containsKey("inactive")) {
            throw error(node, "a trigger is either 'event' (with an optional 'when') or 'inactive: {for: <duration>}'");
        }
        Condition when = fields.containsKey("when") ? condition(fields.get("when")) : null;
        if (fields.containsKey("inactive")) {
            Map<String, Node> inactive = mapping(fields.get("inactive"), "inactive", Set.of("for"));
            return new Trigger(null, when, duration(required(fields.get("inactive"), inactive, "for")));
        }
        return new Trigger(scalar(fields.get("event"), "trigger event"), when, null);
    }

    private Condition condition(Node when) {
        try {
            return Condition.compile(scalar(when, "when"));
        } catch (IllegalArgumentException e) {
            throw error(when, "the condition is not valid CEL: " + e.getMessage());
        }
    }

    private SendCommand.SendWindow sendWindow(Node node) {
        Map<String, Node> fields = mapping(node, "send_window", Set.of("from", "to"));
        return new SendCommand.SendWindow(localTime(required(node, fields, "from")), localTime(required(node, fields, "to")));
    }

    private String localTime(Node node) {
        String value = scalar(node, "a local time");
        if (!value.matches("([01]\\d|2[0-3]):[0-5]\\d")) {
            throw error(node, "'" + value + "' is not a local time HH:mm such as 09:00 or 20:30 (quote it in YAML)");
        }
        return value;
    }

    private Goal goal(Node node) {
        Map<String, Node> fields = mapping(node, "goal", Set.of("event", "within", "revenue"));
        String revenue = fields.containsKey("revenue") ? scalar(fields.get("revenue"), "revenue") : Goal.DEFAULT_REVENUE;
        if (!revenue.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*")) {
            throw error(fields.get("revenue"), "revenue is a dotted path in the event, e.g. properties.total");
        }
        return new Goal(scalar(required(node, fields, "event"), "goal event"), duration(required(node, fields, "within")),
                revenue);
    }

    private Set<String> eventNames(Node node) {
        if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
            throw error(node, "exit_when must be a list of event names, e.g. [Order Completed]");
        }
        Set<String> names = new LinkedHashSet<>();
        sequence.getValue().forEach(item -> names.add(scalar(item, "an event name")));
        return Set.copyOf(names);
    }

    private Duration duration(Node node) {
        try {
            return Durations.parse(scalar(node, "wait"));
        } catch (IllegalArgumentException e) {
            throw error(node, e.getMessage());
        }
    }

    private static int indexOf(List<Step> steps, String id) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** A step id that something leads to; checked once all steps are known. */
    private String target(Node node) {
        String target = id(node, "goto target");
        targets.put(node, target);
        return target;
    }

    private Map<String, Node> mapping(Node node, String what, Set<String> allowed) {
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, what + " must be a mapping of keys to values");
        }
        Map<String, Node> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalar(tuple.getKeyNode(), "a key");
            if (!allowed.contains(key)) {
                throw error(tuple.getKeyNode(), "unknown key '" + key + "' in " + what + "; expected one of "
                        + allowed.stream().sorted().toList());
            }
            if (fields.put(key, tuple.getValueNode()) != null) {
                throw error(tuple.getKeyNode(), "key '" + key + "' appears twice in " + what);
            }
        }
        return fields;
    }

    private Node required(Node parent, Map<String, Node> fields, String key) {
        Node value = fields.get(key);
        if (value == null) {
            throw error(parent, "'" + key + "' is missing");
        }
        return value;
    }

    private String scalar(Node node, String what) {
        if (!(node instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
            throw error(node, what + " must be a non-empty text value");
        }
        return scalar.getValue();
    }

    private String id(Node node, String what) {
        String value = scalar(node, what);
        if (!ID.matcher(value).matches()) {
            throw error(node, what + " '" + value + "' must be lower-case letters, digits, '-' or '_' (at most 64)");
        }
        return value;
    }

    private int positiveInt(Node node, String what) {
        String value = scalar(node, what);
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(node, what + " must be a whole number above 0, not '" + value + "'");
    }

    private JourneyFileException error(Node node, String problem) {
        Mark mark = node.getStartMark();
        return new JourneyFileException(file, mark.getLine() + 1, mark.getColumn() + 1, problem);
    }
}
