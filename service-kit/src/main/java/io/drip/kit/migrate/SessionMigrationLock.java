package io.drip.kit.migrate;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import java.util.Map;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Lets a migration build an index with {@code create index concurrently}, so a big table keeps
 * taking writes while its index is built. Flyway runs a file of such statements outside a
 * transaction, but by default it holds its PostgreSQL lock in an open transaction, and a concurrent
 * build waits for every open transaction, that one too: it would wait forever. A session lock keeps
 * one replica migrating at a time without an open transaction.
 */
@Singleton
public class SessionMigrationLock implements FlywayConfigurationCustomizer {

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.configuration(Map.of("flyway.postgresql.transactional.lock", "false"));
    }
}
