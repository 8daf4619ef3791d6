package io.drip.journey.definition;

/**
 * A step that sends one message.
 *
 * @param category marketing or transactional
 * @param text     Liquid template of the message text
 */
public record SendStep(String id, String channel, String category, String text, String next) implements Step {
}
