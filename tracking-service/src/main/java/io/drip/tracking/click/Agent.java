package io.drip.tracking.click;

/**
 * What a user agent says about the client.
 *
 * @param device    mobile, tablet, desktop, bot or unknown
 * @param botReason why the agent is a machine's (see {@link BotReason}), null for a browser
 */
public record Agent(String device, String os, String browser, String botReason) {
}
