package io.drip.contact.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.drip.contact.ingest.SourceRegions;
import io.drip.contact.segments.RfmScores;
import io.drip.contracts.ContactSnapshot;
import io.drip.kit.security.Roles;
import io.drip.kit.web.InvalidRequestException;
import io.drip.kit.web.Params;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** The admin API of contacts: viewers read, marketers write (see docs/security.md). */
@Path("/v1/contacts")
@Produces(MediaType.APPLICATION_JSON)
public class ContactResource {
    private static final int MAX_ID_LENGTH = 200;

    @Inject
    Pool pool;

    @Inject
    ContactRepository repository;

    @Inject
    ContactUpdates updates;

    @Inject
    SourceRegions regions;

    @Inject
    RfmScores rfm;

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.OPS})
    public Uni<ContactView> get(@PathParam("id") String id) {
        return repository.find(pool, id).chain(found -> found.isEmpty()
                ? Uni.createFrom().failure(new NotFoundException("no contact with id '" + id + "'"))
                : repository.lastActivity(pool, id).chain(at -> rfm.of(pool, id)
                        .map(scores -> new ContactView(found.get(), at.orElse(null), scores.orElse(null)))));
    }

    /**
     * Finds contacts by number ({@code ?phone=}, read in {@code ?region=} or the default region)
     * or by trait values ({@code ?trait.email=ada@example.com}, several must all match), in id
     * order, {@code limit} (50, at most 500) after the id {@code after}.
     */
    @GET
    @RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.OPS})
    public Uni<ContactPage> search(@QueryParam("phone") String phone, @QueryParam("region") String region,
            @QueryParam("limit") String limit, @QueryParam("after") String after, @Context UriInfo uri) {
        ContactSearch search = ContactSearch.of(phone, regions.requested(region),
                uri.getQueryParameters(), Params.integer("limit", limit, null), after);
        return repository.search(pool, search).map(contacts -> new ContactPage(contacts,
                contacts.size() == search.limit() ? contacts.get(contacts.size() - 1).contactId() : null));
    }

    /** Replaces the contact's traits (creating the contact); the number and zone are derived again. */
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MARKETER)
    public Uni<ContactSnapshot> put(@PathParam("id") String id, @QueryParam("region") String region, JsonNode body) {
        return set(id, region, body, false);
    }

    /** Merges traits into the contact's (JSON Merge Patch: a null removes the trait). */
    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RolesAllowed(Roles.MARKETER)
    public Uni<ContactSnapshot> patch(@PathParam("id") String id, @QueryParam("region") String region, JsonNode body) {
        return set(id, region, body, true);
    }

    private Uni<ContactSnapshot> set(String id, String region, JsonNode body, boolean patch) {
        if (id.isBlank() || id.length() > MAX_ID_LENGTH) {
            throw new InvalidRequestException("id", "a contact id is 1 to " + MAX_ID_LENGTH + " characters");
        }
        if (id.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException("id", "a contact id has no control characters (NUL, line breaks, escapes)");
        }
        var traits = TraitsRequest.traits(body);
        String checkedRegion = regions.requested(region);
        return pool.withTransaction(tx -> updates.setTraits(tx, id, traits, patch, checkedRegion));
    }

    /** One page of search results; {@code next} is the {@code after} of the next page, null on the last. */
    public record ContactPage(List<ContactSnapshot> contacts, String next) {
    }
}
