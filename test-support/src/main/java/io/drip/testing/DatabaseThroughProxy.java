package io.drip.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A test profile whose reactive pool reaches the module's test database through a
 * {@link TcpProxy} that a test cuts, as when PostgreSQL restarts. Every test of a module that
 * needs it uses this one class, because Quarkus starts an application per profile class (about
 * 14 s each on two cores).
 */
public class DatabaseThroughProxy implements QuarkusTestProfile {
    /** The proxy in front of the test PostgreSQL; a test that cuts it restores it in a finally. */
    public static final TcpProxy DATABASE = TcpProxy.to("127.0.0.1", 5432);

    @Override
    public Map<String, String> getConfigOverrides() {
        // drip.db.name: each service's test database (its %test setting)
        return Map.of("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + DATABASE.port() + "/${drip.db.name}");
    }
}
