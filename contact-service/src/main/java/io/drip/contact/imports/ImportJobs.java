package io.drip.contact.imports;

import io.drip.contracts.MessageJson;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Imports that run on after the request that brought the file was answered, each with its
 * progress in {@code contact_import} (updated after every chunk), so that a page can show how far
 * an import got from any replica. The rows are applied by {@link ContactImport}, as a waiting
 * import's are. An import cut short by a restart keeps the chunks it applied and is reported
 * {@code interrupted} once it has made no progress for {@code drip.import.stalled-after}: run the
 * file again to finish it (imports are re-runnable).
 */
@ApplicationScoped
public class ImportJobs {
    private static final Logger LOG = Logger.getLogger(ImportJobs.class);
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    public static final String INTERRUPTED = "interrupted";

    /** An import's state: {@code report} once done, {@code problem} if it failed. */
    public record Job(String importId, String status, long expectedRows, long rows, long created, long updated,
            long unchanged, long failed, ImportReport report, String problem) {
    }

    @Inject
    Pool pool;

    @Inject
    ContactImport contactImport;

    /** A running import whose progress is older than this was cut short (a chunk takes seconds). */
    @ConfigProperty(name = "drip.import.stalled-after", defaultValue = "5M")
    Duration stalledAfter;

    /** Records the import and starts it on a worker thread; answers at once. */
    public Job start(byte[] csv, String region, String actor) {
        String importId = UUID.randomUUID().toString();
        long expected = Math.max(0, new String(csv, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).count() - 1);
        pool.preparedQuery("""
                        insert into contact_import (id, actor, status, expected_rows, started_at, updated_at)
                        values ($1, $2, 'running', $3, $4, $4)""")
                .execute(Tuple.of(importId, actor, expected, now())).await().indefinitely();
        Infrastructure.getDefaultWorkerPool().execute(() -> run(importId, csv, region, actor));
        return new Job(importId, RUNNING, expected, 0, 0, 0, 0, 0, null, null);
    }

    private void run(String importId, byte[] csv, String region, String actor) {
        try {
            ImportReport report = contactImport.run(new ByteArrayInputStream(csv), region, actor, importId,
                    (rows, created, updated, unchanged, failed) -> progress(importId, rows, created, updated, unchanged,
                            failed));
            pool.preparedQuery("""
                            update contact_import set status = 'done', rows = $2, created = $3, updated = $4,
                              unchanged = $5, failed = $6, report = $7::jsonb, updated_at = $8 where id = $1""")
                    .execute(Tuple.tuple().addString(importId).addLong(report.rows()).addLong(report.created())
                            .addLong(report.updated()).addLong(report.unchanged()).addLong(report.failed())
                            .addString(MessageJson.write(report)).addOffsetDateTime(now()))
                    .await().indefinitely();
        } catch (RuntimeException e) {
            LOG.errorf(e, "import %s failed", importId);
            pool.preparedQuery("update contact_import set status = 'failed', problem = $2, updated_at = $3 where id = $1")
                    .execute(Tuple.of(importId, String.valueOf(e.getMessage()), now())).await().indefinitely();
        }
    }

    private void progress(String importId, long rows, long created, long updated, long unchanged, long failed) {
        pool.preparedQuery("""
                        update contact_import set rows = $2, created = $3, updated = $4, unchanged = $5, failed = $6,
                          updated_at = $7 where id = $1""")
                .execute(Tuple.tuple().addString(importId).addLong(rows).addLong(created).addLong(updated)
                        .addLong(unchanged).addLong(failed).addOffsetDateTime(now()))
                .await().indefinitely();
    }

    public Optional<Job> find(String importId) {
        return pool.preparedQuery("select * from contact_import where id = $1").execute(Tuple.of(importId))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(job(rows.iterator().next())) : Optional.<Job>empty())
                .await().indefinitely();
    }

    private Job job(Row row) {
        Object report = row.getValue("report");
        String status = row.getString("status");
        String problem = row.getString("problem");
        OffsetDateTime lastProgress = row.getOffsetDateTime("updated_at");
        if (RUNNING.equals(status) && lastProgress.isBefore(now().minus(stalledAfter))) {
            status = INTERRUPTED;
            problem = "no progress since " + lastProgress.toInstant() + ": the replica running it stopped; the rows counted "
                    + "here are stored, run the file again to import the rest";
        }
        return new Job(row.getString("id"), status, row.getLong("expected_rows"), row.getLong("rows"),
                row.getLong("created"), row.getLong("updated"), row.getLong("unchanged"), row.getLong("failed"),
                report == null ? null : MessageJson.read(report.toString(), ImportReport.class), problem);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
