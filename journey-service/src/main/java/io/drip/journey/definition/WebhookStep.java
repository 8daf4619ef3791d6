package io.drip.journey.definition;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calls the shop's HTTP endpoint and keeps its JSON answer under {@code webhook.<name>} for the
 * later steps; the run waits for the answer (made outside any transaction, retried with backoff)
 * and then goes on with the next step (or {@code next}), or to {@code onFailure} when every
 * attempt failed.
 *
 * @param name      where the answer is kept ({@code webhook.<name>}); null: it is not kept
 * @param method    GET, POST, PUT, PATCH or DELETE
 * @param url       Liquid template whose outputs are URL-encoded ({@link #urlTemplate}); scheme and host are literal
 * @param headers   header names and Liquid templates of their values
 * @param body      Liquid template of the body; null: none
 * @param timeout   of one attempt; null: the configured default
 * @param retries   attempts after the first; null: the configured default
 * @param onFailure where the run goes when every attempt failed; null: it exits with reason {@code webhook_failed}
 */
public record WebhookStep(String id, String name, String method, String url, Map<String, String> headers, String body,
        Duration timeout, Integer retries, String onFailure, String next) implements Step {

    /** The highest {@code retries} a step may ask for, and the longest {@code timeout}. */
    public static final int MAX_RETRIES = 10;
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern OUTPUT = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);

    /** The URL as rendered: every {@code {{ output }}} URL-encoded, so a value cannot change the path's shape. */
    public String urlTemplate() {
        return urlTemplate(url);
    }

    static String urlTemplate(String url) {
        return OUTPUT.matcher(url).replaceAll(output -> Matcher.quoteReplacement("{{ " + output.group(1).strip()
                + " | url_encode }}"));
    }

    /** How the run history and the outline show the call: method and URL without its query. */
    public String describe() {
        return describe(method, url);
    }

    /** A call as the history shows it: its method and URL without the query (which may quote the contact). */
    public static String describe(String method, String url) {
        int query = url.indexOf('?');
        return method + " " + (query < 0 ? url : url.substring(0, query));
    }
}
