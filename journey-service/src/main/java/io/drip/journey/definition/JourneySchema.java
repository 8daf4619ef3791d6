package io.drip.journey.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The JSON Schema of journey files, {@code docs/journey.schema.json}: what editors autocomplete
 * with is what journey-service enforces. A file the schema rejects is rejected, at the line and
 * column of the value at fault.
 */
final class JourneySchema {
    private static final JsonSchema SCHEMA = load();

    private JourneySchema() {
    }

    /** The first problem the schema finds in the file (the deepest one), if any. */
    static Optional<JourneyFileException> check(String file, Node root) {
        return SCHEMA.validate(json(root)).stream()
                .max(Comparator.comparingInt((ValidationMessage m) -> m.getInstanceLocation().getNameCount())
                        .thenComparing(ValidationMessage::getMessage, Comparator.reverseOrder()))
                .map(problem -> {
                    Node at = nodeAt(root, problem.getInstanceLocation());
                    return new JourneyFileException(file, at.getStartMark().getLine() + 1,
                            at.getStartMark().getColumn() + 1, "does not match the journey schema "
                            + "(docs/journey.schema.json): " + problem.getMessage());
                });
    }

    /** The YAML as JSON, with YAML's own types for scalars (12 is a number, "12" a string). */
    private static JsonNode json(Node node) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (node instanceof MappingNode mapping) {
            ObjectNode object = nodes.objectNode();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "?";
                object.set(key, json(tuple.getValueNode()));
            }
            return object;
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = nodes.arrayNode();
            sequence.getValue().forEach(item -> array.add(json(item)));
            return array;
        }
        ScalarNode scalar = (ScalarNode) node;
        String value = scalar.getValue();
        Tag tag = scalar.getTag();
        try {
            if (Tag.INT.equals(tag) && value.matches("[-+]?\\d+")) {
                return nodes.numberNode(new BigInteger(value));
            }
            if (Tag.FLOAT.equals(tag)) {
                return nodes.numberNode(new BigDecimal(value));
            }
        } catch (NumberFormatException e) {
            return nodes.textNode(value); // YAML 1.1 forms such as 0x1F or 1:30 stay text
        }
        if (Tag.BOOL.equals(tag)) {
            return nodes.booleanNode(Boolean.parseBoolean(value.toLowerCase(java.util.Locale.ROOT)));
        }
        if (Tag.NULL.equals(tag)) {
            return nodes.nullNode();
        }
        return nodes.textNode(value);
    }

    /** The YAML node at a location the validator names; as deep as the file goes. */
    private static Node nodeAt(Node root, JsonNodePath location) {
        Node node = root;
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            Node next = null;
            if (node instanceof MappingNode mapping) {
                next = mapping.getValue().stream()
                        .filter(t -> t.getKeyNode() instanceof ScalarNode key && key.getValue().equals(String.valueOf(element)))
                        .map(NodeTuple::getValueNode).findFirst().orElse(null);
            } else if (node instanceof SequenceNode sequence && element instanceof Integer index
                    && index < sequence.getValue().size()) {
                next = sequence.getValue().get(index);
            }
            if (next == null) {
                return node;
            }
            node = next;
        }
        return node;
    }

    private static JsonSchema load() {
        try (InputStream in = JourneySchema.class.getResourceAsStream("journey.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("journey.schema.json is missing from the classpath");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journey.schema.json", e);
        }
    }
}
