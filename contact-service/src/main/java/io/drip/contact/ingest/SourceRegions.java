package io.drip.contact.ingest;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.drip.kit.web.InvalidRequestException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The region (ISO 3166 code) in which a source's phone numbers without a country code are read:
 * {@code drip.ingest.source-regions} lists {@code source:REGION} entries, every other source
 * and the Kafka path use {@code drip.contacts.default-region}. A bad entry stops the service at
 * start, naming it.
 */
@ApplicationScoped
public class SourceRegions {
    private static final Set<String> REGIONS = PhoneNumberUtil.getInstance().getSupportedRegions();

    @ConfigProperty(name = "drip.ingest.source-regions")
    Optional<List<String>> entries;

    @ConfigProperty(name = "drip.contacts.default-region")
    String defaultRegion;

    private Map<String, String> regions;

    @PostConstruct
    void load() {
        regions = parse(entries.orElse(List.of()));
        check(defaultRegion, "drip.contacts.default-region");
    }

    static Map<String, String> parse(List<String> entries) {
        Map<String, String> parsed = new HashMap<>();
        for (String entry : entries) {
            String[] parts = entry.trim().split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("drip.ingest.source-regions: entry '" + entry + "' must be source:REGION");
            }
            parsed.put(parts[0], check(parts[1].toUpperCase(), "drip.ingest.source-regions entry '" + entry + "'"));
        }
        return Map.copyOf(parsed);
    }

    private static String check(String region, String where) {
        if (!REGIONS.contains(region)) {
            throw new IllegalArgumentException(where + ": '" + region
                    + "' is not a region libphonenumber knows (ISO 3166 alpha-2, e.g. US, FR, CN)");
        }
        return region;
    }

    /** A {@code ?region=} parameter of the admin API; null means the default region. */
    public String requested(String region) {
        if (region == null) {
            return defaultRegion;
        }
        String upper = region.toUpperCase();
        if (!REGIONS.contains(upper)) {
            throw new InvalidRequestException("region", "'" + region + "' is not a region such as US, FR or CN");
        }
        return upper;
    }

    public String of(String source) {
        return source == null ? defaultRegion : regions.getOrDefault(source, defaultRegion);
    }

    public String defaultRegion() {
        return defaultRegion;
    }
}
