package io.drip.tracking.click;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The country of a click's address, from a local MaxMind DB file when one is configured
 * ({@code drip.tracking.geoip-database}); without one, no country, and no address leaves the
 * machine to find one. Reads both layouts in use: MaxMind's GeoIP2/GeoLite2 Country and City
 * ({@code country.iso_code}) and the ip-location-db files ({@code country_code}).
 */
@ApplicationScoped
public class IpCountries {
    private static final Logger LOG = Logger.getLogger(IpCountries.class);

    @ConfigProperty(name = "drip.tracking.geoip-database")
    Optional<Path> database;

    private volatile Reader reader;

    void open(@Observes StartupEvent event) {
        if (database.isEmpty()) {
            return;
        }
        Path file = database.get();
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("drip.tracking.geoip-database: cannot read " + file.toAbsolutePath());
        }
        try {
            reader = new Reader(file.toFile(), new CHMCache());
        } catch (IOException e) {
            throw new UncheckedIOException("drip.tracking.geoip-database: " + file.toAbsolutePath()
                    + " is not a MaxMind DB file", e);
        }
        LOG.infof("click countries from %s (%s, built %s)", file, reader.getMetadata().getDatabaseType(),
                reader.getMetadata().getBuildDate());
    }

    void close(@Observes ShutdownEvent event) throws IOException {
        if (reader != null) {
            reader.close();
        }
    }

    /** ISO 3166-1 alpha-2 code, or null: no database, an address it does not know, or no address. */
    public String countryOf(String ip) {
        Reader current = reader;
        if (current == null || ip == null) {
            return null;
        }
        try {
            // a literal address: getByName does not resolve names for it
            Map<?, ?> record = current.get(InetAddress.getByName(ip), Map.class);
            return record == null ? null : isoCode(record);
        } catch (UnknownHostException e) {
            return null;
        } catch (IOException e) {
            LOG.warnf("looking up the country of a click failed: %s", e.getMessage());
            return null;
        }
    }

    private static String isoCode(Map<?, ?> record) {
        if (record.get("country_code") instanceof String code) {
            return code;
        }
        if (record.get("country") instanceof Map<?, ?> country && country.get("iso_code") instanceof String code) {
            return code;
        }
        return null;
    }
}
