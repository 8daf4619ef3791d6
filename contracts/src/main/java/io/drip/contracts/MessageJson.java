package io.drip.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one JSON form of every message on Drip's topics (ISO-8601 instants, nulls omitted). */
public final class MessageJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

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

    /** Reads one message; a record that is not valid JSON of that shape is a poison record. */
    public static <T> T read(String json, Class<T> type) {
        if (json == null) {
            throw new MalformedMessageException("empty record where a " + type.getSimpleName() + " was expected");
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new MalformedMessageException("not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage() + where, e);
        }
    }
}
