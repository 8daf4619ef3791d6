package io.drip.testing;

/**
 * The plain keys whose SHA-256 hashes the services' test profile configures
 * (service-kit's META-INF/microprofile-config.properties).
 */
public final class TestKeys {
    public static final String VIEWER = "viewer-key";
    public static final String MARKETER = "marketer-key";
    public static final String OPS = "ops-key";
    public static final String WRITE = "write-key";

    private TestKeys() {
    }

    public static String bearer(String key) {
        return "Bearer " + key;
    }
}
