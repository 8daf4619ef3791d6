package io.drip.kit.consume;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells a failure that goes away by itself (the database restarting or failing over, a
 * connection cut, the pool exhausted, a serialization failure or deadlock) from one that a
 * record causes every time. A transient failure is retried, never a reason to dead-letter.
 */
public final class TransientFailures {
    /**
     * SQLSTATE classes and codes that say nothing about the statement: connection exceptions
     * (08), transaction rollbacks such as serialization failures and deadlocks (40), insufficient
     * resources (53), operator intervention such as an admin shutdown (57), system errors (58),
     * lock not available (55P03).
     */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "57", "58");
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PgException pg) {
                String state = pg.getSqlState();
                return state != null && (TRANSIENT_CLASSES.contains(state.substring(0, 2)) || LOCK_NOT_AVAILABLE.equals(state));
            }
            if (cause instanceof ClosedConnectionException || cause instanceof IOException
                    || cause instanceof TimeoutException || isClientSideOutage(cause)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The reactive client reports an unreachable server, a pool that waited too long for a
     * connection or was closed (a replica stopping) without a dedicated type.
     */
    private static boolean isClientSideOutage(Throwable cause) {
        String message = cause.getMessage();
        String type = cause.getClass().getName();
        return type.startsWith("io.netty.channel.") || type.equals("io.vertx.core.impl.NoStackTraceTimeoutException")
                || message != null && (message.equals("Pool closed") || message.startsWith("Timeout")
                        || message.contains("Connection refused") || message.contains("Connection is not active")
                        || message.contains("connection was closed"));
    }
}
