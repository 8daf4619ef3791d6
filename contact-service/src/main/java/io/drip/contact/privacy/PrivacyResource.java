package io.drip.contact.privacy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.contracts.MessageJson;
import io.drip.kit.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;

/** GDPR access (export) and erasure requests: role ops only, as both concern all of a person's data. */
@Path("/v1/contacts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPS)
public class PrivacyResource {

    @Inject
    Pool pool;

    @Inject
    @Any
    Instance<PersonalData> data;

    @Inject
    Erasure erasure;

    @Inject
    SecurityIdentity identity;

    /** Everything contact-service holds about the person, section by section. */
    @GET
    @Path("/{id}/export")
    public Uni<ObjectNode> export(@PathParam("id") String id) {
        ObjectNode export = MessageJson.mapper().createObjectNode();
        export.put("contactId", id);
        export.put("exportedAt", Instant.now().toString());
        Uni<Void> all = Uni.createFrom().voidItem();
        for (PersonalData kind : data) {
            all = all.chain(() -> kind.export(pool, id).invoke(section -> {
                if (section != null) {
                    export.set(kind.name(), section);
                }
            }).replaceWithVoid());
        }
        return all.map(done -> {
            if (!export.has("profile")) {
                throw new NotFoundException("no contact with id '" + id + "'");
            }
            return export;
        });
    }

    @DELETE
    @Path("/{id}")
    public Uni<Erasure.Receipt> erase(@PathParam("id") String id) {
        return erasure.erase(id, identity.getPrincipal().getName()).map(receipt -> receipt.orElseThrow(
                () -> new NotFoundException("no contact with id '" + id + "'")));
    }
}
