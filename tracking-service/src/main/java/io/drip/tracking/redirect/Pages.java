package io.drip.tracking.redirect;

import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;

/** The only pages a short link shows besides its destination: they reveal nothing about any link. */
final class Pages {
    private static final String NOT_FOUND = page("Link not valid", "<p>This link is not valid.</p>");
    private static final String EXPIRED = page("Link expired", "<p>This link has expired.</p>");
    private static final String TOO_MANY = page("Too many requests", "<p>Too many links that are not valid. "
            + "Please try again later.</p>");

    private Pages() {
    }

    static void notFound(RoutingContext context) {
        send(context, 404, NOT_FOUND);
    }

    /** 410 Gone; with a fallback URL configured, the page links to it. */
    static void expired(RoutingContext context, Optional<String> fallback) {
        send(context, 410, fallback.map(url -> page("Link expired", "<p>This link has expired.</p><p><a href=\""
                + escape(url) + "\">Continue</a></p>")).orElse(EXPIRED));
    }

    /** 429: the client asked for too many unknown codes; Retry-After in whole seconds, at least one. */
    static void tooManyRequests(RoutingContext context, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        context.response().putHeader("Retry-After", Long.toString(seconds));
        send(context, 429, TOO_MANY);
    }

    private static void send(RoutingContext context, int status, String html) {
        context.response().setStatusCode(status)
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Content-Type-Options", "nosniff")
                .end(html);
    }

    private static String page(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width,initial-scale=1\"><meta name=\"robots\" content=\"noindex\"><title>"
                + title + "</title></head><body style=\"font-family:system-ui,sans-serif;text-align:center;"
                + "margin-top:20vh\">" + body + "</body></html>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
