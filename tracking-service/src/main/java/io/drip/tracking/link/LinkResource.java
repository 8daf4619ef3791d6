package io.drip.tracking.link;

import io.drip.kit.security.Roles;
import io.drip.tracking.stats.ClickCounts;
import io.drip.tracking.stats.ClickStats;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code GET /v1/links/{code}}: a short link, where it goes, whose it is, and its clicks. */
@Path("/v1/links")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.OPS})
public class LinkResource {

    /** A link as the API shows it. */
    public record LinkView(String code, String shortUrl, String url, String destination, String messageId,
            String contactId, String journeyId, Integer journeyVersion, String stepId, String variant,
            Instant createdAt, Instant expiresAt, boolean expired, ClickCounts clicks) {
    }

    @Inject
    LinkCache links;

    @Inject
    ClickStats stats;

    @ConfigProperty(name = "drip.tracking.base-url")
    URI baseUrl;

    @GET
    @Path("/{code}")
    public Uni<LinkView> link(@PathParam("code") String code) {
        return links.find(code)
                .map(found -> found.orElseThrow(() -> new NotFoundException("no short link with code '" + code + "'")))
                .chain(link -> stats.ofLink(code).map(clicks -> new LinkView(link.code(), shortUrl(code), link.url(),
                        link.destination(), link.messageId(), link.contactId(), link.journeyId(), link.journeyVersion(),
                        link.stepId(), link.variant(), link.createdAt(), link.expiresAt(),
                        link.expiredAt(Instant.now()), clicks)));
    }

    private String shortUrl(String code) {
        String base = baseUrl.toString();
        return (base.endsWith("/") ? base : base + "/") + code;
    }
}
