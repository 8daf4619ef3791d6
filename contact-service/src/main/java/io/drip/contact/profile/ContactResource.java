package io.drip.contact.profile;

import io.drip.contracts.ContactSnapshot;
import io.drip.kit.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The admin view of contacts. */
@Path("/v1/contacts")
@Produces(MediaType.APPLICATION_JSON)
public class ContactResource {

    @Inject
    Pool pool;

    @Inject
    ContactRepository repository;

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.MARKETER, Roles.OPS})
    public Uni<ContactSnapshot> get(@PathParam("id") String id) {
        return repository.find(pool, id).map(found -> found.orElseThrow(
                () -> new NotFoundException("no contact with id '" + id + "'")));
    }
}
