package io.drip.journey.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/** A dotted path into a JSON value, such as {@code properties.cart_id} or {@code traits.birthday}. */
public record JsonPath(String path) {
    public static final Pattern SYNTAX = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*");

    public JsonPath {
        if (!SYNTAX.matcher(path).matches()) {
            throw new IllegalArgumentException("'" + path + "' is not a dotted path such as properties.cart_id");
        }
    }

    /** The value at the path; null when some part of it is missing or JSON null. */
    public JsonNode in(JsonNode root) {
        JsonNode node = root;
        for (String key : path.split("\\.")) {
            node = node == null ? null : node.get(key);
        }
        return node == null || node.isNull() ? null : node;
    }

    /** The value at the path as text (numbers and booleans too); null when missing. */
    public String textIn(JsonNode root) {
        JsonNode node = in(root);
        return node == null || node.isContainerNode() ? null : node.asText();
    }

    @Override
    public String toString() {
        return path;
    }
}
