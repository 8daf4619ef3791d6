package io.drip.tracking.click;

import io.drip.contracts.SendCommand;
import io.drip.tracking.link.Link;
import io.drip.tracking.link.Links;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The public end of a short link: {@code GET /{code}} answers 302 to the URL registered for the
 * code and nothing else (no open redirect), and records the click. An unknown code gets a plain
 * 404 that reveals nothing.
 */
@Path("/")
@PermitAll
public class RedirectResource {
    private static final Pattern CODE = Pattern.compile(SendCommand.Link.CODE_PATTERN);
    private static final Duration LOOKUP_RETRY = Duration.ofMillis(200);

    /** The code is not registered yet; the lookup is retried until the wait runs out. */
    private static final class NotYetRegistered extends RuntimeException {
        NotYetRegistered() {
            super(null, null, false, false);
        }
    }

    @Inject
    Pool pool;

    @Inject
    Links links;

    @Inject
    ClickRecorder clicks;

    @ConfigProperty(name = "drip.tracking.unknown-code-wait")
    Duration unknownCodeWait;

    @GET
    @Path("/{code}")
    public Uni<Response> follow(@PathParam("code") String code, @HeaderParam("User-Agent") String userAgent,
            @Context HttpServerRequest request) {
        if (!CODE.matcher(code).matches()) {
            return Uni.createFrom().item(notFound());
        }
        String ip = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return findWaiting(code).chain(link -> link.isEmpty()
                ? Uni.createFrom().item(notFound())
                : clicks.record(link.get(), ip, userAgent).replaceWith(Response.status(Response.Status.FOUND)
                        .location(URI.create(link.get().url()))
                        .header("Cache-Control", "no-store")
                        .header("Referrer-Policy", "no-referrer")
                        .build()));
    }

    /** A link clicked moments after its SMS left may not be registered yet: wait for it, bounded. */
    private Uni<Optional<Link>> findWaiting(String code) {
        long attempts = Math.max(1, unknownCodeWait.toMillis() / LOOKUP_RETRY.toMillis());
        return links.find(pool, code)
                .chain(link -> link.isPresent() ? Uni.createFrom().item(link)
                        : Uni.createFrom().<Optional<Link>>failure(new NotYetRegistered()))
                .onFailure(NotYetRegistered.class).retry().withBackOff(LOOKUP_RETRY, LOOKUP_RETRY).atMost(attempts)
                .onFailure(NotYetRegistered.class).recoverWithItem(Optional.empty());
    }

    private static Response notFound() {
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN_TYPE)
                .entity("This link is not valid.").build();
    }
}
