package io.drip.contact.imports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.contact.consent.Consent;
import io.drip.contact.consent.ConsentChanges;
import io.drip.contact.profile.ContactRepository;
import io.drip.contact.profile.ContactUpdates;
import io.drip.contact.profile.NumberConsent;
import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.drip.contracts.Topics;
import io.drip.kit.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Imports contacts from CSV: rows are read as they stream in and applied in chunks of
 * {@code drip.import.chunk-size} rows, one transaction each (contacts locked, upserted and their
 * snapshots put in the outbox in bulk). Traits merge into those held, as identify does; a row
 * that changes nothing writes and publishes nothing, so a re-run of the same file is a no-op.
 * Runs on a worker thread: the caller blocks on each chunk.
 */
@ApplicationScoped
public class ContactImport {

    @Inject
    Pool pool;

    @Inject
    ContactRepository contacts;

    @Inject
    ContactUpdates updates;

    @Inject
    ConsentChanges consent;

    @Inject
    Outbox outbox;

    @Inject
    NumberConsent numberConsent;

    @ConfigProperty(name = "drip.import.chunk-size", defaultValue = "1000")
    int chunkSize;

    /** Counts of one import, filled chunk by chunk. */
    private static final class Tally {
        long rows;
        long created;
        long updated;
        long unchanged;
        final List<ImportReport.RowError> errors = new ArrayList<>();
        long failed;

        void fail(ImportReport.RowError error) {
            failed++;
            if (errors.size() < ImportReport.MAX_ERRORS) {
                errors.add(error);
            }
        }
    }

    /** How far an import got, after each chunk it applied. */
    public interface Progress {
        void chunkApplied(long rows, long created, long updated, long unchanged, long failed);
    }

    public ImportReport run(InputStream csv, String region, String actor) {
        return run(csv, region, actor, UUID.randomUUID().toString(), (rows, created, updated, unchanged, failed) -> {
        });
    }

    /** As {@link #run(InputStream, String, String)}, as import {@code importId}, telling {@code progress} after each chunk. */
    public ImportReport run(InputStream csv, String region, String actor, String importId, Progress progress) {
        Instant started = Instant.now();
        Tally tally = new Tally();
        List<ImportRow> chunk = new ArrayList<>(chunkSize);
        CsvRows.read(csv, row -> {
            chunk.add(row);
            if (chunk.size() == chunkSize) {
                apply(chunk, region, importId, actor, tally);
                chunk.clear();
                progress.chunkApplied(tally.rows, tally.created, tally.updated, tally.unchanged, tally.failed);
            }
        }, error -> {
            tally.rows++;
            tally.fail(error);
        });
        apply(chunk, region, importId, actor, tally);
        double seconds = Duration.between(started, Instant.now()).toNanos() / 1e9;
        return new ImportReport(importId, tally.rows, tally.created, tally.updated, tally.unchanged, tally.failed,
                tally.errors, tally.failed > tally.errors.size(), seconds, Math.round(tally.rows / Math.max(seconds, 1e-3)));
    }

    private void apply(List<ImportRow> chunk, String region, String importId, String actor, Tally tally) {
        if (chunk.isEmpty()) {
            return;
        }
        tally.rows += chunk.size();
        List<ImportRow> rows = List.copyOf(chunk);
        pool.withTransaction(tx -> contacts.findAllForUpdate(tx, rows.stream().map(ImportRow::id).distinct().toList())
                        .chain(existing -> write(tx, rows, existing, region, tally))
                        .chain(() -> decide(tx, rows, importId, actor, tally)))
                .await().indefinitely();
    }

    /**
     * Merges each row into its contact (later rows of one id over earlier ones) and saves the
     * contacts whose end state differs from what was held: one new version per chunk.
     */
    private Uni<Void> write(SqlConnection tx, List<ImportRow> rows, Map<String, ContactSnapshot> existing, String region,
            Tally tally) {
        Map<String, ContactSnapshot> current = new LinkedHashMap<>(existing);
        Set<String> ids = new LinkedHashSet<>();
        for (ImportRow row : rows) {
            Optional<ContactSnapshot> before = Optional.ofNullable(current.get(row.id()));
            ObjectNode traits = before.map(c -> c.traits().deepCopy()).orElseGet(MessageJson.mapper()::createObjectNode);
            traits.setAll(row.traits());
            ContactSnapshot after = updates.derive(row.id(), before, traits, region, Optional.empty(),
                    Optional.ofNullable(ContactUpdates.text(traits, "locale")).or(() -> before.map(ContactSnapshot::locale)));
            current.put(row.id(), after);
            ids.add(row.id());
        }
        List<ContactSnapshot> changed = new ArrayList<>();
        for (String id : ids) {
            ContactSnapshot held = existing.get(id);
            if (held != null && sameProfile(held, current.get(id))) {
                tally.unchanged++;
                continue;
            }
            if (held == null) {
                tally.created++;
            } else {
                tally.updated++;
            }
            changed.add(withVersion(current.get(id), held == null ? 1 : held.version() + 1));
        }
        // a number that opted out by keyword brings its opt-out
        return numberConsent.apply(tx, existing, changed).chain(saved -> contacts.saveAll(tx, saved, saved.stream()
                        .map(c -> Optional.ofNullable(ContactUpdates.text(c.traits(), "phone"))).toList())
                .chain(() -> outbox.addBulk(tx, saved.stream()
                        .map(c -> new Outbox.Entry(Topics.CONTACTS, c.contactId(), c)).toList())));
    }

    /**
     * Consent columns: each decision that differs from the contact's current state is recorded;
     * a refused opt-in (the number opted out by keyword) is reported with its row.
     */
    private Uni<Void> decide(SqlConnection tx, List<ImportRow> rows, String importId, String actor, Tally tally) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (ImportRow row : rows) {
            for (Map.Entry<String, String> decision : row.consent().entrySet()) {
                String[] channelCategory = decision.getKey().split("\\.");
                Consent.Origin origin = new Consent.Origin(Consent.SOURCE_IMPORT, importId + ":" + row.line(), null, actor,
                        null, Instant.now());
                all = all.chain(() -> contacts.find(tx, row.id()).chain(contact -> {
                    var held = contact.map(ContactSnapshot::consent).map(c -> c.get(channelCategory[0]))
                            .map(c -> c.get(channelCategory[1])).orElse(null);
                    if (held != null && held.state().equals(decision.getValue())
                            || held != null && Consent.OPTED_IN.equals(decision.getValue())
                            && Consent.SOURCE_DOUBLE_OPT_IN.equals(held.source())) {
                        return Uni.createFrom().voidItem();
                    }
                    return (Consent.OPTED_IN.equals(decision.getValue())
                            ? consent.optIn(tx, row.id(), channelCategory[0], channelCategory[1], origin)
                            : consent.change(tx, row.id(), channelCategory[0], channelCategory[1], decision.getValue(), origin))
                            .invoke(state -> state.filter(Consent.REFUSED::equals).ifPresent(refused -> tally.fail(
                                    new ImportReport.RowError(row.line(), "consent." + decision.getKey(), ConsentChanges.REFUSAL))))
                            .replaceWithVoid();
                }));
            }
        }
        return all;
    }

    private static boolean sameProfile(ContactSnapshot a, ContactSnapshot b) {
        return Objects.equals(a.phone(), b.phone()) && Objects.equals(a.phoneStatus(), b.phoneStatus())
                && Objects.equals(a.timezone(), b.timezone()) && Objects.equals(a.locale(), b.locale())
                && Objects.equals(a.traits(), b.traits());
    }

    private static ContactSnapshot withVersion(ContactSnapshot c, long version) {
        return new ContactSnapshot(c.contactId(), version, c.phone(), c.phoneStatus(), c.timezone(), c.locale(),
                c.traits(), c.consent(), c.updatedAt(), c.segments());
    }
}
