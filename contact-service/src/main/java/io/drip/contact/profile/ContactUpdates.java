package io.drip.contact.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.drip.contracts.Topics;
import io.drip.kit.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Changes contacts and announces every change: the full snapshot goes to compacted
 * {@code drip.contacts.v1} through the outbox, in the transaction that made the change.
 */
@ApplicationScoped
public class ContactUpdates {

    @Inject
    ContactRepository repository;

    @Inject
    Outbox outbox;

    @ConfigProperty(name = "drip.contacts.default-region")
    String defaultRegion;

    @ConfigProperty(name = "drip.contacts.default-timezone")
    String defaultTimezone;

    /** Merges an identify call's traits into the contact (creating it on first sight). */
    public Uni<Void> identify(SqlConnection tx, SegmentMessage message) {
        String id = message.contactId();
        return repository.findForUpdate(tx, id).chain(existing -> {
            ObjectNode traits = existing.map(c -> c.traits().deepCopy()).orElseGet(MessageJson.mapper()::createObjectNode);
            if (message.traits() != null) {
                traits.setAll(message.traits());
            }
            String phoneRaw = text(traits, "phone");
            PhoneNormalizer.Result phone = PhoneNormalizer.normalize(phoneRaw, defaultRegion);
            String timezone = zone(text(traits, "timezone"))
                    .or(() -> zone(text(message.context(), "timezone")))
                    .or(phone::timezone)
                    .orElse(defaultTimezone);
            String locale = Optional.ofNullable(text(traits, "locale")).orElse(text(message.context(), "locale"));
            ContactSnapshot snapshot = new ContactSnapshot(id, existing.map(c -> c.version() + 1).orElse(1L),
                    phone.e164(), phone.status(), timezone, locale, traits,
                    existing.map(ContactSnapshot::consent).orElse(Map.of()), Instant.now());
            return repository.save(tx, snapshot, phoneRaw)
                    .chain(() -> outbox.add(tx, Topics.CONTACTS, id, snapshot));
        });
    }

    private static String text(ObjectNode holder, String field) {
        JsonNode node = holder == null ? null : holder.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    /** A zone from a trait; an unusable one is ignored here (the HTTP API rejects it up front). */
    private static Optional<String> zone(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(value).getId());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
