package io.drip.kit.retention;

import java.time.Duration;
import java.util.List;

/** A service's tables that the {@link Pruner} keeps short: a bean of the service implements it. */
public interface PrunedTables {

    /**
     * Rows of {@code table} whose {@code timeColumn} is older than {@code keep} are deleted; the
     * column has an index, so finding them never reads the table whole.
     */
    record Table(String table, String timeColumn, Duration keep) {
    }

    List<Table> tables();
}
