package io.drip.tracking.redirect;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.NoArgGenerator;
import io.drip.contracts.SendCommand;
import io.drip.tracking.click.BotReason;
import io.drip.tracking.click.ClickAttempt;
import io.drip.tracking.click.ClickWriter;
import io.drip.tracking.click.IpAnonymizer;
import io.drip.tracking.click.IpCountries;
import io.drip.tracking.click.UserAgents;
import io.drip.tracking.link.Link;
import io.drip.tracking.link.LinkCache;
import io.drip.tracking.metrics.TrackingMetrics;
import io.drip.tracking.unknown.CodeLookup;
import io.micrometer.core.instrument.Timer;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The public end of a short link, {@code GET|HEAD <base path>/{code}}: 302 to the destination
 * registered for the code and nowhere else, whatever the request carries (no open redirect).
 * A plain Vert.x route rather than a REST resource: this is the hot path, served from memory.
 * The click is handed to {@link ClickWriter}, which normally answers at once (docs/tracking.md,
 * durability); Kafka is never waited on. A code not in memory is resolved by {@link CodeLookup}
 * (unknown codes: negative cache, per-client budget, 429).
 */
@ApplicationScoped
public class RedirectRoutes {
    private static final Logger LOG = Logger.getLogger(RedirectRoutes.class);
    private static final Pattern CODE = Pattern.compile(SendCommand.Link.CODE_PATTERN);
    private static final int BEFORE_QUARKUS_HANDLERS = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1;
    /*
     * Click ids only need to be unique. Time-ordered ones (UUID version 7: milliseconds, then a
     * counter over fresh random bits) go to the end of the click table's primary-key index instead
     * of a random page, and do not draw on SecureRandom for every redirect as UUID.randomUUID does.
     */
    private static final NoArgGenerator CLICK_IDS = Generators.timeBasedEpochGenerator();

    @Inject
    LinkCache links;

    @Inject
    CodeLookup lookup;

    @Inject
    ClickWriter clicks;

    @Inject
    UserAgents userAgents;

    @Inject
    IpCountries countries;

    @Inject
    TrackingMetrics metrics;

    @ConfigProperty(name = "drip.tracking.base-url")
    URI baseUrl;

    @ConfigProperty(name = "drip.tracking.expired-fallback-url")
    Optional<String> expiredFallback;

    @ConfigProperty(name = "drip.tracking.anonymize-ip")
    boolean anonymizeIp;

    void routes(@Observes Router router) {
        String path = baseUrl.getPath() == null || baseUrl.getPath().isEmpty() ? "/" : baseUrl.getPath();
        String route = (path.endsWith("/") ? path : path + "/") + ":code";
        // ahead of the REST layer and HTTP security, which every request would otherwise pass
        // through: the redirect is public and answers from memory
        router.route(HttpMethod.GET, route).order(BEFORE_QUARKUS_HANDLERS).handler(this::follow);
        router.route(HttpMethod.HEAD, route).order(BEFORE_QUARKUS_HANDLERS).handler(this::follow);
    }

    private void follow(RoutingContext context) {
        Timer.Sample timing = metrics.start();
        String code = context.pathParam("code");
        if (!CODE.matcher(code).matches()) {
            Pages.notFound(context);
            metrics.answered(timing, TrackingMetrics.NOT_FOUND);
            return;
        }
        Link cached = links.cached(code);
        if (cached != null) {
            answer(context, cached, timing);
            return;
        }
        lookup.resolve(code, clientAddress(context.request())).subscribe().with(resolution -> {
            if (resolution instanceof CodeLookup.Found found) {
                answer(context, found.link(), timing);
            } else if (resolution instanceof CodeLookup.Unknown) {
                Pages.notFound(context);
                metrics.answered(timing, TrackingMetrics.NOT_FOUND);
            } else if (resolution instanceof CodeLookup.Limited limited) {
                Pages.tooManyRequests(context, limited.retryAfter());
                metrics.answered(timing, TrackingMetrics.LIMITED);
            } else {
                throw new IllegalStateException("unexpected resolution " + resolution);
            }
        }, failure -> {
            LOG.errorf(failure, "looking up short code %s failed", code);
            context.fail(503);
            metrics.answered(timing, TrackingMetrics.FAILED);
        });
    }

    private void answer(RoutingContext context, Link link, Timer.Sample timing) {
        Instant now = Instant.now();
        if (link.expiredAt(now)) {
            Pages.expired(context, expiredFallback);
            metrics.answered(timing, TrackingMetrics.EXPIRED);
            return;
        }
        ClickAttempt click = attempt(context.request(), link, now);
        if (clicks.offer(click)) {
            redirect(context, link, timing);
            return;
        }
        // the buffer is full: wait for the commit, but the shopper reaches the shop even when the
        // click cannot be recorded in time
        clicks.writeAndWait(click).subscribe().with(written -> redirect(context, link, timing), failure -> {
            LOG.errorf("click on %s not recorded before redirecting: %s", link.code(), failure.toString());
            redirect(context, link, timing);
        });
    }

    private void redirect(RoutingContext context, Link link, Timer.Sample timing) {
        context.response().setStatusCode(302)
                .putHeader("Location", link.destination())
                .putHeader("Cache-Control", "no-store")
                .putHeader("Referrer-Policy", "no-referrer")
                .end();
        metrics.answered(timing, TrackingMetrics.REDIRECTED);
    }

    private ClickAttempt attempt(HttpServerRequest request, Link link, Instant at) {
        String ip = clientAddress(request);
        String userAgent = request.getHeader("User-Agent");
        var agent = userAgents.classify(userAgent);
        String reason = request.method() == HttpMethod.HEAD ? BotReason.HEAD_REQUEST
                : isPrefetch(request) ? BotReason.PREFETCH
                : agent.botReason();
        return new ClickAttempt(CLICK_IDS.generate(), link, at, request.method().name(),
                anonymizeIp ? IpAnonymizer.anonymize(ip) : ip, countries.countryOf(ip), userAgent, agent, reason);
    }

    /** The client's address; from X-Forwarded-For only when it comes from a trusted proxy (quarkus.http.proxy). */
    private static String clientAddress(HttpServerRequest request) {
        return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }

    /** Browsers' speculative loads (Chrome, Safari, Firefox) say so in one of these headers. */
    private static boolean isPrefetch(HttpServerRequest request) {
        return containsPrefetch(request.getHeader("Sec-Purpose")) || containsPrefetch(request.getHeader("Purpose"))
                || containsPrefetch(request.getHeader("X-Purpose")) || containsPrefetch(request.getHeader("X-Moz"));
    }

    private static boolean containsPrefetch(String header) {
        return header != null && (header.contains("prefetch") || header.contains("preview"));
    }
}
