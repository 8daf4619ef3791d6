package io.drip.kit.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code drip.retention.*} (env DRIP_RETENTION_*): how the pruning job runs, and how long every
 * service keeps its processed-record ids. Each service maps the periods of its own tables under the
 * same prefix (docs/operations.md, Retention).
 */
@ConfigMapping(prefix = "drip.retention")
public interface RetentionConfig {
    /** How often the job prunes every table. */
    @WithDefault("PT10M")
    Duration every();

    /** Rows deleted per statement: each delete holds its locks for milliseconds, never the hot path's rows. */
    @WithDefault("1000")
    int batchSize();

    /**
     * How long the id of an applied record (the idempotency check) is kept: longer than any topic
     * keeps a record that could be delivered again (Kafka's default retention is 7 days).
     */
    @WithDefault("P30D")
    Duration processedRecords();
}
