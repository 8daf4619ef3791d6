package io.drip.journey.definition;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Sets traits on the contact: an {@code identify} on {@code drip.events.v1}, which contact-service
 * applies like any other, so the change reaches every service through the contact's snapshot.
 */
public record UpdateStep(String id, ObjectNode traits, String next) implements Step {
}
