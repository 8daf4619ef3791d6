package io.drip.contact.segments;

import io.drip.kit.cel.JsonCel;

/** A segment from the segments YAML: who is in it is {@code when}, a CEL condition over {@code contact}. */
public record SegmentDefinition(String id, String name, JsonCel.Condition when) {
}
