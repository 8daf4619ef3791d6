package io.drip.dispatch.send;

/**
 * One committed attempt to hand a message to a provider: the message is 'sending' with this
 * route and provider until the outcome is recorded.
 */
public record Attempt(Outgoing message, String to, String route, String provider, int number) {
}
