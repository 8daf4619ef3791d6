package io.drip.contact.consent;

import io.drip.contact.profile.NumberConsent;
import io.drip.contracts.ContactSnapshot;
import io.drip.kit.consent.SuppressionList;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A contact that takes a number on the suppression list (created with it, or given it by an
 * identify, the API or an import) starts opted out of the number's categories, with an entry in
 * its audit trail (source {@code suppression_list}). Contacts keeping their number are left as
 * they are.
 */
@ApplicationScoped
public class SuppressedNumbers implements NumberConsent {

    private final SuppressionList list;
    private final ConsentLedger ledger;

    public SuppressedNumbers(SuppressionList list, ConsentLedger ledger) {
        this.list = list;
        this.ledger = ledger;
    }

    @Override
    public Uni<List<ContactSnapshot>> apply(SqlClient tx, Map<String, ContactSnapshot> held, List<ContactSnapshot> changed) {
        List<String> newNumbers = changed.stream().filter(c -> takesNumber(held, c)).map(ContactSnapshot::phone).toList();
        if (newNumbers.isEmpty()) {
            return Uni.createFrom().item(changed);
        }
        return list.since(tx, newNumbers).chain(suppressed -> {
            if (suppressed.isEmpty()) {
                return Uni.createFrom().item(changed);
            }
            Consent.Origin origin = Consent.Origin.suppressionList(Instant.now());
            List<ContactSnapshot> saved = new ArrayList<>(changed.size());
            Uni<Void> audit = Uni.createFrom().voidItem();
            for (ContactSnapshot contact : changed) {
                Set<String> categories = takesNumber(held, contact) ? suppressed.getOrDefault(contact.phone(), Map.of()).keySet() : Set.of();
                ContactSnapshot optedOut = contact;
                for (String category : categories) {
                    ContactSnapshot.Consent current = Consent.state(optedOut, Consent.SMS, category);
                    if (current == null || !Consent.OPTED_OUT.equals(current.state())) {
                        optedOut = Consent.with(optedOut, Consent.SMS, category,
                                new ContactSnapshot.Consent(Consent.OPTED_OUT, origin.at(), origin.source()));
                        String id = contact.contactId();
                        audit = audit.chain(() -> ledger.append(tx, id, Consent.SMS, category, Consent.OPTED_OUT, origin));
                    }
                }
                saved.add(optedOut);
            }
            return audit.replaceWith(saved);
        });
    }

    private static boolean takesNumber(Map<String, ContactSnapshot> held, ContactSnapshot contact) {
        ContactSnapshot before = held.get(contact.contactId());
        return contact.phone() != null && (before == null || !Objects.equals(before.phone(), contact.phone()));
    }
}
