package io.drip.journey.definition;

import io.drip.contracts.SendCommand;
import io.drip.journey.message.MessageRenderer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.drip.contracts.MessageJson;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Reads a journey file. It walks SnakeYAML's node tree rather than binding to classes, so that
 * every error can name the file, line and column of the value at fault.
 */
public final class JourneyReader {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern TAG = Pattern.compile(SendCommand.TAG_PATTERN);
    private static final Set<String> CATEGORIES = Set.of("marketing", "transactional");
    private static final Set<String> ACTIONS = Set.of("send", "wait", "wait_for", "exit", "branch", "split", "update",
            "webhook");
    private static final Set<String> STEP_KEYS =
            Set.of("id", "goto", "else", "on_timeout", "send", "wait", "wait_for", "exit", "branch", "split", "update",
                    "auto_winner", "webhook", "on_failure");
    private static final Set<String> CHOOSE_NEXT = Set.of("send", "wait", "wait_for", "update", "webhook");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    /** An answer's name: an identifier Liquid and CEL can read as webhook.<name>. */
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,63}");
    /** An HTTP header name (RFC 9110 token). */
    private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}");
    /** A webhook's URL: scheme and host written out, then anything (Liquid) from the path on. */
    private static final Pattern WEBHOOK_URL = Pattern.compile("(https?)://([^/?#{}\\s]+)(?:[/?#].*)?", Pattern.DOTALL);
    /** Headers Drip sets on every webhook call itself. */
    private static final Set<String> OWN_HEADERS = Set.of("idempotency-key", "x-drip-signature", "x-drip-timestamp",
            "host", "content-length");
    private static final Map<String, DayOfWeek> DAYS = Map.of("monday", DayOfWeek.MONDAY, "tuesday", DayOfWeek.TUESDAY,
            "wednesday", DayOfWeek.WEDNESDAY, "thursday", DayOfWeek.THURSDAY, "friday", DayOfWeek.FRIDAY,
            "saturday", DayOfWeek.SATURDAY, "sunday", DayOfWeek.SUNDAY);

    /** auto_winner's defaults and bounds, as in journey.schema.json. */
    private static final int DEFAULT_MIN_RUNS = 100;
    private static final int FEWEST_MIN_RUNS = 30;
    private static final double DEFAULT_CONFIDENCE = 0.95;

    /** As segment-message.schema.json's maxLength of event. */
    private static final int MAX_EVENT_NAME = 200;
    /** As send-command.schema.json's maxLength of a media URL. */
    private static final int MAX_URL = 2048;

    private final String file;
    private final Predicate<String> smsOnly;
    private final Predicate<String> webhookHost;
    private final Map<Node, String> targets = new LinkedHashMap<>();
    private final Map<Node, String> messageTargets = new LinkedHashMap<>();
    /** auto_winner metrics that count conversions, which only a journey with a goal has. */
    private final List<Node> goalMetrics = new ArrayList<>();

    private JourneyReader(String file, Predicate<String> smsOnly, Predicate<String> webhookHost) {
        this.file = file;
        this.smsOnly = smsOnly;
        this.webhookHost = webhookHost;
    }

    public static JourneyDefinition read(Path path) {
        try (Reader reader = Files.newBufferedReader(path)) {
            return read(path.toString(), reader);
        } catch (IOException e) {
            throw new JourneyFileException(path.toString(), 1, 1, "cannot read the file: " + e.getMessage());
        }
    }

    public static JourneyDefinition read(String file, Reader yaml) {
        return read(file, yaml, category -> false, host -> true);
    }

    /**
     * Reads a journey about to be validated or published: media in a send step whose category
     * {@code smsOnly} says goes on SMS-only routes is refused at its {@code media} key.
     */
    public static JourneyDefinition read(String file, Reader yaml, Predicate<String> smsOnly) {
        return read(file, yaml, smsOnly, host -> true);
    }

    /**
     * As {@link #read(String, Reader, Predicate)}, and a webhook step whose URL's host
     * {@code webhookHost} does not allow is refused at its {@code url}.
     */
    public static JourneyDefinition read(String file, Reader yaml, Predicate<String> smsOnly,
            Predicate<String> webhookHost) {
        Node root;
        String text = text(file, yaml);
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (ReaderException e) {
            // a character YAML does not allow (NUL, other controls): where it stands, not a 500
            int line = 1;
            int column = 1;
            for (int i = 0; i < Math.min(e.getPosition(), text.length()); i++) {
                line = text.charAt(i) == '\n' ? line + 1 : line;
                column = text.charAt(i) == '\n' ? 1 : column + 1;
            }
            throw new JourneyFileException(file, line, column, "not valid YAML: the character U+"
                    + String.format("%04X", e.getCodePoint()) + " is not allowed (special characters are not allowed)");
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            throw new JourneyFileException(file, mark.getLine() + 1, mark.getColumn() + 1,
                    "not valid YAML: " + e.getProblem());
        }
        if (root == null) {
            throw new JourneyFileException(file, 1, 1, "the file is empty; a journey needs journey, trigger and steps");
        }
        JourneyDefinition journey = new JourneyReader(file, smsOnly, webhookHost).journey(root);
        // the reader's own messages are more specific; the schema has the last word on structure
        JourneySchema.check(file, root).ifPresent(problem -> {
            throw problem;
        });
        return journey;
    }

    private JourneyDefinition journey(Node root) {
        Map<String, Node> fields = mapping(root, "the journey",
                Set.of("journey", "name", "trigger", "filter", "reentry", "exit_when", "goal", "send_window", "steps"));
        String id = id(required(root, fields, "journey"), "journey id");
        String name = fields.containsKey("name") ? scalar(fields.get("name"), "name") : id;
        Node triggerNode = required(root, fields, "trigger");
        Trigger trigger = trigger(triggerNode);
        Condition filter = fields.containsKey("filter") ? condition(fields.get("filter")) : null;
        Reentry reentry = fields.containsKey("reentry") ? reentry(fields.get("reentry")) : Reentry.NEVER;
        if (trigger.isAudience() && trigger.audience().every() != null && reentry.policy() == Reentry.Policy.NEVER) {
            throw error(fields.containsKey("reentry") ? fields.get("reentry") : triggerNode, "an audience entered every "
                    + "week or month needs reentry: always or {after: <duration>}; with never (the default) a contact "
                    + "enters the first round only");
        }
        List<ExitWhen> exitWhen = fields.containsKey("exit_when") ? exitWhen(fields.get("exit_when")) : List.of();
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
        for (Map.Entry<Node, String> awaited : messageTargets.entrySet()) {
            if (!(steps.get(indexOf(steps, awaited.getValue())) instanceof SendStep)) {
                throw error(awaited.getKey(), "'" + awaited.getValue()
                        + "' is not a send step: only messages are clicked, delivered or replied to");
            }
        }
        if (goal == null && !goalMetrics.isEmpty()) {
            throw error(goalMetrics.get(0), "this metric counts conversions: the journey needs a goal (goal: {event, within})");
        }
        JourneyDefinition journey = new JourneyDefinition(id, 0, name, trigger, filter, reentry, exitWhen, goal, sendWindow,
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
        if (next != null && !CHOOSE_NEXT.contains(action)) {
            throw error(fields.get("goto"), "goto belongs to send, wait, wait_for, update and webhook steps; a " + action
                    + " step decides itself");
        }
        if (fields.containsKey("else") && !action.equals("branch")) {
            throw error(fields.get("else"), "else belongs to branch steps");
        }
        if (fields.containsKey("on_timeout") && !action.equals("wait_for")) {
            throw error(fields.get("on_timeout"), "on_timeout belongs to wait_for steps");
        }
        if (fields.containsKey("on_failure") && !action.equals("webhook")) {
            throw error(fields.get("on_failure"), "on_failure belongs to webhook steps");
        }
        if (fields.containsKey("auto_winner") && !action.equals("split")) {
            throw error(fields.get("auto_winner"), "auto_winner belongs to split steps");
        }
        Node value = fields.get(action);
        return switch (action) {
            case "send" -> send(id, value, next);
            case "wait" -> new WaitStep(id, waitTime(value), next);
            case "update" -> update(id, value, next);
            case "wait_for" -> waitFor(id, value, fields.containsKey("on_timeout") ? target(fields.get("on_timeout")) : null,
                    next);
            case "exit" -> new ExitStep(id, id(value, "exit reason"));
            case "webhook" -> webhook(id, value, fields.containsKey("on_failure") ? target(fields.get("on_failure")) : null,
                    next);
            case "branch" -> branch(id, value, fields.containsKey("else") ? target(fields.get("else")) : null);
            default -> split(id, value, fields.get("auto_winner"));
        };
    }

    private SendStep send(String id, Node sendNode, String next) {
        Map<String, Node> send = mapping(sendNode, "send",
                Set.of("channel", "category", "text", "tags", "media", "best_time"));
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
        List<String> tags = send.containsKey("tags") ? tags(send.get("tags")) : List.of();
        List<String> media = send.containsKey("media") ? media(send.get("media")) : List.of();
        if (!media.isEmpty() && smsOnly.test(category)) {
            throw error(key(sendNode, "media"), "media cannot be sent: " + category + " messages go on SMS-only routes "
                    + "(DRIP_MMS_SMS_ONLY_CATEGORIES), whose providers cannot send MMS; remove media or put the image's "
                    + "link in the text");
        }
        BestTime bestTime = send.containsKey("best_time") ? bestTime(send.get("best_time")) : null;
        return new SendStep(id, channel, category, text, tags, media, bestTime, next);
    }

    /** {within: <duration>}: how long the message may wait for the contact's best hour, at most a week. */
    private BestTime bestTime(Node node) {
        if (!(node instanceof MappingNode)) {
            throw error(node, "best_time is {within: <duration>}, e.g. {within: 24h}: the message leaves at the "
                    + "contact's best hour within that time");
        }
        Node within = required(node, mapping(node, "best_time", Set.of("within")), "within");
        BestTime bestTime = new BestTime(duration(within));
        if (bestTime.within().compareTo(BestTime.LONGEST) > 0) {
            throw error(within, "best_time looks at most 7d ahead (every hour of every weekday), not '"
                    + ((ScalarNode) within).getValue() + "'");
        }
        return bestTime;
    }

    /** A send step's tags: a list of names or name:value, each once. */
    private List<String> tags(Node node) {
        if (!(node instanceof SequenceNode sequence)) {
            throw error(node, "tags must be a list, e.g. [abandoned_cart] or [promo:shoes, urgent]");
        }
        List<String> tags = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            String tag = scalar(item, "a tag");
            if (!TAG.matcher(tag).matches()) {
                throw error(item, "tag '" + tag + "' must be a name or name:value of lower-case letters, digits, "
                        + "'-' or '_' (a value may also hold '.'), at most 64 each, e.g. abandoned_cart or promo:shoes");
            }
            if (tags.contains(tag)) {
                throw error(item, "tag '" + tag + "' appears twice");
            }
            tags.add(tag);
        }
        return List.copyOf(tags);
    }

    /** The image URLs of an MMS: https, at most {@link SendCommand#MAX_MEDIA}. */
    private List<String> media(Node node) {
        if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
            throw error(node, "media must be a list of image URLs (https), e.g. [https://shop.example/sale.jpg]");
        }
        if (sequence.getValue().size() > SendCommand.MAX_MEDIA) {
            throw error(sequence.getValue().get(SendCommand.MAX_MEDIA), "a message carries at most "
                    + SendCommand.MAX_MEDIA + " media (an MMS); this list has " + sequence.getValue().size());
        }
        List<String> urls = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            urls.add(httpsUrl(item));
        }
        return List.copyOf(urls);
    }

    private String httpsUrl(Node node) {
        String value = scalar(node, "a media URL");
        try {
            URI uri = new URI(value);
            if ("https".equals(uri.getScheme()) && uri.getHost() != null && value.length() <= MAX_URL) {
                return value;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw error(node, "'" + value + "' is not an https URL of at most " + MAX_URL
                + " characters; providers fetch media over https only");
    }

    private WebhookStep webhook(String id, Node node, String onFailure, String next) {
        Map<String, Node> fields = mapping(node, "webhook",
                Set.of("name", "method", "url", "headers", "body", "timeout", "retries"));
        String name = null;
        if (fields.containsKey("name")) {
            name = scalar(fields.get("name"), "name");
            if (!NAME.matcher(name).matches()) {
                throw error(fields.get("name"), "name '" + name + "' must be lower-case letters, digits or '_', not "
                        + "starting with a digit (the answer is read as webhook." + name + ")");
            }
        }
        String method = "POST";
        if (fields.containsKey("method")) {
            method = scalar(fields.get("method"), "method");
            if (!METHODS.contains(method)) {
                throw error(fields.get("method"), "method must be one of " + METHODS.stream().sorted().toList()
                        + ", not '" + method + "'");
            }
        }
        Node urlNode = required(node, fields, "url");
        String url = webhookUrl(urlNode);
        Map<String, String> headers = new LinkedHashMap<>();
        if (fields.containsKey("headers")) {
            Node headersNode = fields.get("headers");
            if (!(headersNode instanceof MappingNode mapping) || mapping.getValue().isEmpty()) {
                throw error(headersNode, "headers must map header names to values, e.g. {X-Shop-Id: \"42\"}");
            }
            for (NodeTuple tuple : mapping.getValue()) {
                String header = scalar(tuple.getKeyNode(), "a header name");
                if (!HEADER.matcher(header).matches() || OWN_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
                    throw error(tuple.getKeyNode(), "'" + header + "' cannot be a header of a webhook: a header name is "
                            + "letters, digits and -, and Drip sets " + OWN_HEADERS.stream().sorted().toList() + " itself");
                }
                headers.put(header, liquid(tuple.getValueNode(), "header " + header));
            }
        }
        String body = fields.containsKey("body") ? liquid(fields.get("body"), "body") : null;
        if (body != null && method.equals("GET")) {
            throw error(fields.get("body"), "a GET request has no body; use POST, or put the values in the url's query");
        }
        Duration timeout = null;
        if (fields.containsKey("timeout")) {
            timeout = duration(fields.get("timeout"));
            if (timeout.compareTo(WebhookStep.MAX_TIMEOUT) > 0) {
                throw error(fields.get("timeout"), "timeout is at most " + WebhookStep.MAX_TIMEOUT.toSeconds()
                        + "s: the run waits, and the shop should answer fast or answer later");
            }
        }
        Integer retries = null;
        if (fields.containsKey("retries")) {
            String value = scalar(fields.get("retries"), "retries");
            if (!value.matches("\\d{1,2}") || Integer.parseInt(value) > WebhookStep.MAX_RETRIES) {
                throw error(fields.get("retries"), "retries must be a whole number from 0 to " + WebhookStep.MAX_RETRIES
                        + ", not '" + value + "'");
            }
            retries = Integer.parseInt(value);
        }
        return new WebhookStep(id, name, method, url, Map.copyOf(headers), body, timeout, retries, onFailure, next);
    }

    /** An http(s) URL whose scheme and host are written out (Liquid only in its path and query), on an allowed host. */
    private String webhookUrl(Node node) {
        String url = liquid(node, "url");
        MessageRenderer.checkSyntax(WebhookStep.urlTemplate(url)).ifPresent(problem -> {
            throw error(node, "the url is not valid Liquid once its outputs are URL-encoded: " + problem);
        });
        Matcher start = WEBHOOK_URL.matcher(url);
        URI origin = null;
        if (start.matches() && url.length() <= MAX_URL) {
            try {
                origin = new URI(start.group(1) + "://" + start.group(2));
            } catch (URISyntaxException e) {
                // reported below
            }
        }
        if (origin == null || origin.getHost() == null || origin.getUserInfo() != null) {
            throw error(node, "url must be an http or https URL of at most " + MAX_URL + " characters whose host is "
                    + "written out (Liquid only in the path and query), e.g. https://shop.example/api/coupons?c={{ "
                    + "contact.contactId }}; got '" + url + "'");
        }
        if (!webhookHost.test(origin.getHost())) {
            throw error(node, "host '" + origin.getHost() + "' is not one webhooks may call: add it to "
                    + "DRIP_JOURNEYS_WEBHOOKS_ALLOWED_HOSTS (docs/journeys.md, Webhooks)");
        }
        return url;
    }

    /** A Liquid template of a webhook's url, header or body; the track filter makes no sense there. */
    private String liquid(Node node, String what) {
        String template = scalar(node, what);
        MessageRenderer.checkSyntax(template).ifPresent(problem -> {
            throw error(node, "the " + what + " is not valid Liquid: " + problem);
        });
        if (template.matches("(?s).*\\|\\s*track\\b.*")) {
            throw error(node, "track makes short links for SMS texts; a webhook's " + what + " cannot use it");
        }
        return template;
    }

    private BranchStep branch(String id, Node node, String otherwise) {
        return new BranchStep(id, cases(node, "branch", "a branch case"), otherwise);
    }

    /** A branch's cases, or a reply wait's answers: each a CEL condition and the step it leads to. */
    private List<BranchStep.Case> cases(Node node, String what, String item) {
        if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
            throw error(node, what + " must be a list of cases, each with 'when' (a CEL condition) and 'goto'");
        }
        List<BranchStep.Case> cases = new ArrayList<>();
        for (Node caseNode : sequence.getValue()) {
            Map<String, Node> fields = mapping(caseNode, item, Set.of("when", "goto"));
            Condition condition = condition(required(caseNode, fields, "when"));
            cases.add(new BranchStep.Case(condition, target(required(caseNode, fields, "goto"))));
        }
        return List.copyOf(cases);
    }

    private SplitStep split(String id, Node node, Node autoWinnerNode) {
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
        SplitStep split = new SplitStep(id, List.copyOf(variants),
                autoWinnerNode == null ? null : autoWinner(autoWinnerNode));
        if (split.autoWinner() != null && split.competing().size() < 2) {
            throw error(autoWinnerNode, "auto_winner needs at least two variants with a goto to choose between");
        }
        return split;
    }

    private SplitStep.AutoWinner autoWinner(Node node) {
        Map<String, Node> fields = mapping(node, "auto_winner", Set.of("metric", "min_runs", "confidence"));
        Node metricNode = required(node, fields, "metric");
        String name = scalar(metricNode, "metric");
        SplitStep.Metric metric = SplitStep.Metric.of(name).orElseThrow(() -> error(metricNode,
                "metric must be conversion, click or revenue_per_recipient, not '" + name + "'"));
        if (metric != SplitStep.Metric.CLICK) {
            goalMetrics.add(metricNode);
        }
        int minRuns = DEFAULT_MIN_RUNS;
        if (fields.containsKey("min_runs")) {
            minRuns = positiveInt(fields.get("min_runs"), "min_runs");
            if (minRuns < FEWEST_MIN_RUNS) {
                throw error(fields.get("min_runs"), "min_runs must be at least " + FEWEST_MIN_RUNS
                        + ": with fewer runs the test's normal approximation does not hold, not " + minRuns);
            }
        }
        double confidence = fields.containsKey("confidence") ? confidence(fields.get("confidence")) : DEFAULT_CONFIDENCE;
        return new SplitStep.AutoWinner(metric, minRuns, confidence);
    }

    private double confidence(Node node) {
        String value = scalar(node, "confidence");
        try {
            double confidence = Double.parseDouble(value);
            if (confidence > 0.5 && confidence < 1) {
                return confidence;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(node, "confidence must be a number between 0.5 and 1 such as 0.95 (95 %), not '" + value + "'");
    }

    private WaitForStep waitFor(String id, Node node, String onTimeout, String next) {
        Map<String, Node> fields = mapping(node, "wait_for",
                Set.of("event", "when", "clicked", "delivered", "reply_to", "answers", "within"));
        long kinds = fields.keySet().stream().filter(Set.of("event", "clicked", "delivered", "reply_to")::contains).count();
        if (kinds != 1) {
            throw error(node, "wait_for needs one of 'event' (an event name), 'clicked', 'delivered' or 'reply_to' (the "
                    + "id of a send step)");
        }
        if (fields.containsKey("when") && !fields.containsKey("event")) {
            throw error(fields.get("when"), "'when' belongs to wait_for an event");
        }
        if (fields.containsKey("answers") && !fields.containsKey("reply_to")) {
            throw error(fields.get("answers"), "'answers' belongs to wait_for a reply (reply_to)");
        }
        String event = fields.containsKey("event") ? eventName(fields.get("event"), "event") : null;
        Condition when = fields.containsKey("when") ? condition(fields.get("when")) : null;
        String clicked = fields.containsKey("clicked") ? messageTarget(fields.get("clicked")) : null;
        String delivered = fields.containsKey("delivered") ? messageTarget(fields.get("delivered")) : null;
        String replyTo = fields.containsKey("reply_to") ? messageTarget(fields.get("reply_to")) : null;
        List<BranchStep.Case> answers = fields.containsKey("answers") ? cases(fields.get("answers"), "answers", "an answer")
                : List.of();
        return new WaitForStep(id, event, when, clicked, delivered, replyTo, answers,
                duration(required(node, fields, "within")), onTimeout, next);
    }

    private String messageTarget(Node node) {
        String step = target(node);
        messageTargets.put(node, step);
        return step;
    }

    private WaitTime waitTime(Node node) {
        if (node instanceof ScalarNode) {
            return new WaitTime.Delay(duration(node));
        }
        Map<String, Node> fields = mapping(node, "wait", Set.of("until", "on", "date", "at"));
        if (fields.containsKey("until") == fields.containsKey("date")) {
            throw error(node, "wait is a duration (2d), {until: \"10:00\", on: [saturday]} or "
                    + "{date: contact.traits.<name>, at: \"09:00\"}");
        }
        if (fields.containsKey("until")) {
            if (fields.containsKey("at")) {
                throw error(fields.get("at"), "'at' belongs to a wait for a date; 'until' is already the time");
            }
            return new WaitTime.TimeOfDay(LocalTime.parse(localTime(fields.get("until"))),
                    fields.containsKey("on") ? days(fields.get("on")) : Set.of());
        }
        if (fields.containsKey("on")) {
            throw error(fields.get("on"), "'on' (weekdays) belongs to a wait until a time of day");
        }
        Node dateNode = fields.get("date");
        String date = scalar(dateNode, "date");
        if (!date.startsWith("contact.") || !JsonPath.SYNTAX.matcher(date).matches()) {
            throw error(dateNode, "date is where the contact holds the date, e.g. contact.traits.renewal_date");
        }
        LocalTime at = fields.containsKey("at") ? LocalTime.parse(localTime(fields.get("at"))) : LocalTime.of(9, 0);
        return new WaitTime.DateIn(new JsonPath(date.substring("contact.".length())), at);
    }

    private Set<DayOfWeek> days(Node node) {
        if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
            throw error(node, "on must be a list of weekdays, e.g. [saturday, sunday]");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (Node item : sequence.getValue()) {
            days.add(weekday(item));
        }
        return Set.copyOf(days);
    }

    private UpdateStep update(String id, Node node, String next) {
        Map<String, Node> fields = mapping(node, "update", Set.of("traits"));
        Node traitsNode = required(node, fields, "traits");
        if (!(traitsNode instanceof MappingNode mapping) || mapping.getValue().isEmpty()) {
            throw error(traitsNode, "traits must map trait names to values, e.g. {vip: true}");
        }
        ObjectNode traits = MessageJson.mapper().createObjectNode();
        for (NodeTuple tuple : mapping.getValue()) {
            String name = scalar(tuple.getKeyNode(), "a trait name");
            if (!(tuple.getValueNode() instanceof ScalarNode value)) {
                throw error(tuple.getValueNode(), "trait '" + name + "' must be set to a single value");
            }
            traits.set(name, scalarValue(value));
        }
        return new UpdateStep(id, traits, next);
    }

    /** A YAML scalar as the JSON value YAML means: true, 12, 1.5, null or text. */
    private static JsonNode scalarValue(ScalarNode node) {
        Object value = new Yaml(new LoaderOptions()).load(node.getValue());
        return node.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN
                ? MessageJson.mapper().valueToTree(value)
                : TextNode.valueOf(node.getValue());
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
        if (node instanceof MappingNode mapping && mapping.getValue().stream()
                .anyMatch(t -> t.getKeyNode() instanceof ScalarNode k && "spread".equals(k.getValue()))) {
            // only an audience's size is known before its members enter
            throw error(key(node, "spread"), "spread belongs to an audience ('audience: {segment: vip, ..., spread: 2h}'); "
                    + "to pace an event or inactivity trigger, use 'throttle: {entries: 200, per: 1m}'");
        }
        Map<String, Node> fields = mapping(node, "trigger",
                Set.of("event", "when", "inactive", "key", "audience", "throttle"));
        Throttle throttle = fields.containsKey("throttle") ? throttle(fields.get("throttle")) : null;
        return kindOfTrigger(node, fields).throttled(throttle);
    }

    private Trigger kindOfTrigger(Node node, Map<String, Node> fields) {
        if (Stream.of("event", "inactive", "audience").filter(fields::containsKey).count() != 1) {
            throw error(node, "a trigger is either 'event' (with an optional 'when'), 'inactive: {for: <duration>}' "
                    + "or 'audience: {segment: <id>, at: <date-time> | every: {...}}'");
        }
        Condition when = fields.containsKey("when") ? condition(fields.get("when")) : null;
        if (fields.containsKey("audience")) {
            if (fields.containsKey("key")) {
                throw error(fields.get("key"), "key belongs to event triggers: an audience enters one run per contact");
            }
            return new Trigger(null, when, null, null, audience(fields.get("audience")), null);
        }
        if (fields.containsKey("inactive")) {
            if (fields.containsKey("key")) {
                throw error(fields.get("key"), "key belongs to event triggers: an inactivity trigger has no event values");
            }
            Map<String, Node> inactive = mapping(fields.get("inactive"), "inactive", Set.of("for"));
            return new Trigger(null, when, duration(required(fields.get("inactive"), inactive, "for")), null);
        }
        JsonPath key = fields.containsKey("key") ? path(fields.get("key"), "key") : null;
        return new Trigger(eventName(fields.get("event"), "trigger event"), when, null, key);
    }

    private Throttle throttle(Node node) {
        Map<String, Node> fields = mapping(node, "throttle", Set.of("entries", "per"));
        int entries = positiveInt(required(node, fields, "entries"), "entries");
        Node perNode = required(node, fields, "per");
        Duration per = duration(perNode);
        if (per.dividedBy(entries).compareTo(Duration.ofMillis(1)) < 0) {
            throw error(perNode, entries + " entries per " + per + " is more than 1000 a second, which needs no "
                    + "throttle; give a longer 'per' or fewer entries");
        }
        return new Throttle(entries, per);
    }

    private Audience audience(Node node) {
        Map<String, Node> fields = mapping(node, "audience", Set.of("segment", "at", "every", "local_time", "spread"));
        String segment = scalar(required(node, fields, "segment"), "segment");
        if (fields.containsKey("at") == fields.containsKey("every")) {
            throw error(node, "an audience enters either once ('at: \"2026-11-11T10:00\"') or on a schedule "
                    + "('every: {week: monday, at: \"10:00\"}' or 'every: {month: 1, at: \"10:00\"}')");
        }
        boolean localTime = fields.containsKey("local_time") && bool(fields.get("local_time"), "local_time");
        Duration spread = fields.containsKey("spread") ? spread(fields.get("spread")) : null;
        if (fields.containsKey("at")) {
            return new Audience(segment, localDateTime(fields.get("at")), null, localTime, spread);
        }
        Node everyNode = fields.get("every");
        Map<String, Node> every = mapping(everyNode, "every", Set.of("week", "month", "at"));
        if (every.containsKey("week") == every.containsKey("month")) {
            throw error(everyNode, "every is either {week: <weekday>, at: \"HH:mm\"} or {month: <day 1-31>, at: \"HH:mm\"}");
        }
        LocalTime at = LocalTime.parse(localTime(required(everyNode, every, "at")));
        if (every.containsKey("week")) {
            return new Audience(segment, null, new Audience.Every(weekday(every.get("week")), null, at), localTime, spread);
        }
        int day = positiveInt(every.get("month"), "the day of the month");
        if (day > 31) {
            throw error(every.get("month"), "the day of the month is 1 to 31 (31: the last day of every month), not " + day);
        }
        return new Audience(segment, null, new Audience.Every(null, day, at), localTime, spread);
    }

    /** A round's spread: positive and at most a day, so a window never runs into the next round. */
    private Duration spread(Node node) {
        String value = scalar(node, "spread");
        String expected = "spread is a duration above 0 and at most " + Audience.LONGEST_SPREAD.toHours()
                + "h, such as 2h or PT2H, ";
        Duration spread;
        try {
            spread = Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw error(node, expected + "not '" + value + "'");
        }
        if (spread.compareTo(Audience.LONGEST_SPREAD) > 0) {
            throw error(node, expected + "not " + value + ": a round's members all start within a day of its time");
        }
        return spread;
    }

    private LocalDateTime localDateTime(Node node) {
        String value = scalar(node, "at");
        try {
            return LocalDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw error(node, "'" + value + "' is not a local date and time such as 2026-11-11T10:00 (quote it in YAML)");
        }
    }

    private boolean bool(Node node, String what) {
        String value = scalar(node, what);
        if (!"true".equals(value) && !"false".equals(value)) {
            throw error(node, what + " is true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private DayOfWeek weekday(Node node) {
        DayOfWeek day = DAYS.get(scalar(node, "a weekday").toLowerCase(Locale.ROOT));
        if (day == null) {
            throw error(node, "'" + ((ScalarNode) node).getValue() + "' is not a weekday; use monday ... sunday");
        }
        return day;
    }

    private JsonPath path(Node node, String what) {
        String value = scalar(node, what);
        if (!JsonPath.SYNTAX.matcher(value).matches()) {
            throw error(node, what + " is a dotted path in the event, e.g. properties.cart_id");
        }
        return new JsonPath(value);
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
        JsonPath revenue = fields.containsKey("revenue") ? path(fields.get("revenue"), "revenue") : Goal.DEFAULT_REVENUE;
        return new Goal(eventName(required(node, fields, "event"), "goal event"), duration(required(node, fields, "within")),
                revenue);
    }

    private List<ExitWhen> exitWhen(Node node) {
        if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
            throw error(node, "exit_when must be a list of event names, e.g. [Order Completed], or of "
                    + "{event: Order Completed, match: properties.cart_id}");
        }
        List<ExitWhen> exits = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            if (item instanceof ScalarNode) {
                exits.add(new ExitWhen(eventName(item, "an event name"), null));
            } else {
                Map<String, Node> fields = mapping(item, "an exit_when event", Set.of("event", "match"));
                exits.add(new ExitWhen(eventName(required(item, fields, "event"), "event"),
                        fields.containsKey("match") ? path(fields.get("match"), "match") : null));
            }
        }
        return List.copyOf(exits);
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

    /** The node of a key itself (where an error about the whole entry points). */
    private static Node key(Node mapping, String key) {
        return ((MappingNode) mapping).getValue().stream().map(NodeTuple::getKeyNode)
                .filter(k -> k instanceof ScalarNode scalar && scalar.getValue().equals(key)).findFirst().orElseThrow();
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

    private static String text(String file, Reader yaml) {
        StringBuilder text = new StringBuilder();
        char[] chunk = new char[8192];
        try {
            for (int read = yaml.read(chunk); read > 0; read = yaml.read(chunk)) {
                text.append(chunk, 0, read);
            }
        } catch (IOException e) {
            throw new JourneyFileException(file, 1, 1, "cannot read the file: " + e.getMessage());
        }
        return text.toString();
    }

    /** An event name, at most as long as drip.events.v1's schema allows one. */
    private String eventName(Node node, String what) {
        String name = scalar(node, what);
        if (name.length() > MAX_EVENT_NAME) {
            throw error(node, what + " is " + name.length() + " characters; an event name is at most "
                    + MAX_EVENT_NAME + " (as on drip.events.v1)");
        }
        return name;
    }

    private JourneyFileException error(Node node, String problem) {
        Mark mark = node.getStartMark();
        return new JourneyFileException(file, mark.getLine() + 1, mark.getColumn() + 1, problem);
    }
}
