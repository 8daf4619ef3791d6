package io.drip.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one JSON form of every message on Drip's topics (ISO-8601 instants, nulls omitted).
 * Reading a topic's message checks it against that message's JSON Schema, so a consumer gets a
 * complete message or a {@link MalformedMessageException} saying what is wrong.
 */
public final class MessageJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private static final Map<Class<?>, JsonSchema> SCHEMAS = Map.of(
            SegmentMessage.class, schema("segment-message"),
            ContactSnapshot.class, schema("contact-snapshot"),
            SendCommand.class, schema("send-command"),
            DeliveryStatus.class, schema("delivery-status"),
            Click.class, schema("click"),
            InboundSms.class, schema("inbound-sms"));

    private MessageJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object message) {
        try {
            return MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + message.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** The same JSON as {@link #write}, as UTF-8: what a Kafka record carries. */
    public static byte[] writeBytes(Object message) {
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + message.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Reads one message; a record that is not valid JSON of that shape is a poison record. */
    public static <T> T read(String json, Class<T> type) {
        if (json == null) {
            throw new MalformedMessageException("empty record where a " + type.getSimpleName() + " was expected");
        }
        try {
            JsonNode tree = MAPPER.readTree(json);
            String nul = nulCharacterAt(tree);
            if (nul != null) {
                throw new MalformedMessageException("not a valid " + type.getSimpleName() + ": " + nulProblem(nul));
            }
            JsonSchema schema = SCHEMAS.get(type);
            if (schema != null) {
                Set<ValidationMessage> problems = schema.validate(tree);
                if (!problems.isEmpty()) {
                    throw new MalformedMessageException("not a valid " + type.getSimpleName() + ": "
                            + problems.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; ")));
                }
            }
            // a tree asked for is the tree read; a message is parsed again from the text, which costs
            // a third of converting the tree (treeToValue: half of all reading in dispatch's profile)
            return type.isInstance(tree) ? type.cast(tree) : MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new MalformedMessageException("not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage() + where, e);
        }
    }

    /**
     * Reads a message a service stored itself after {@link #read} had checked it (a contact's
     * snapshot, a run's trigger event): it is only parsed, not checked against its schema again.
     * The check was two thirds of reading a batch's snapshots back in journey-service's profile.
     */
    public static <T> T readStored(String json, Class<T> type) {
        try {
            return JsonNode.class.isAssignableFrom(type) ? type.cast(MAPPER.readTree(json)) : MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored " + type.getSimpleName() + " is not valid JSON", e);
        }
    }

    /**
     * Where a JSON document holds a NUL character (U+0000) in a string or a field name, as a JSON
     * pointer ("" for the document itself); null when it holds none. PostgreSQL's text and jsonb
     * cannot store U+0000, and no SMS, name or id has one: it is refused at the edge (HTTP 400,
     * or the topic's DLQ) instead of failing the transaction that would store it.
     */
    public static String nulCharacterAt(JsonNode node) {
        return nulAt(node, "");
    }

    /** What {@link #nulCharacterAt} found, said for an error message. */
    public static String nulProblem(String pointer) {
        return "a NUL character (U+0000) at " + (pointer.isEmpty() ? "the top level" : pointer)
                + "; control characters of that kind cannot be stored";
    }

    private static String nulAt(JsonNode node, String at) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue().indexOf('\0') >= 0 ? at : null;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = nulAt(node.get(i), at + "/" + i);
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isObject()) {
            for (var fields = node.fields(); fields.hasNext(); ) {
                var field = fields.next();
                String name = field.getKey();
                String here = at + "/" + name.replace("~", "~0").replace("/", "~1");
                if (name.indexOf('\0') >= 0) {
                    return here;
                }
                String found = nulAt(field.getValue(), here);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** A place in a message its JSON Schema refuses, as a JSON pointer ("/event"), and why. */
    public record Problem(String pointer, String reason) {
    }

    /**
     * What the JSON Schema of the message's type finds wrong with it, by pointer; empty when a
     * consumer will read it. For producers that take messages from outside (HTTP ingest), so they
     * refuse what the topic's consumers would.
     */
    public static List<Problem> problems(Object message) {
        JsonSchema schema = SCHEMAS.get(message.getClass());
        if (schema == null) {
            return List.of();
        }
        return schema.validate(MAPPER.<JsonNode>valueToTree(message)).stream()
                .map(problem -> new Problem(pointer(problem.getInstanceLocation()), problem.getError()))
                .sorted(Comparator.comparing(Problem::pointer)).toList();
    }

    private static String pointer(JsonNodePath path) {
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            pointer.append('/').append(String.valueOf(path.getElement(i)).replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }

    /** The JSON Schema of a message, as published in this module's resources. */
    public static InputStream schemaResource(String name) {
        return MessageJson.class.getResourceAsStream("/io/drip/contracts/schema/" + name + ".schema.json");
    }

    private static JsonSchema schema(String name) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = schemaResource(name)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schema " + name, e);
        }
    }
}
