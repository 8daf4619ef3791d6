package io.drip.tracking.click;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a configured database there is no country; a wrong file stops the start with its name. */
class IpCountriesTest {

    private static IpCountries with(Optional<Path> database) {
        IpCountries countries = new IpCountries();
        countries.database = database;
        countries.open(null);
        return countries;
    }

    @Test
    void noDatabaseNoCountry() {
        assertNull(with(Optional.empty()).countryOf("193.0.6.139"));
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("GeoLite2-Country.mmdb");
        var error = assertThrows(IllegalStateException.class, () -> with(Optional.of(missing)));
        assertTrue(error.getMessage().contains(missing.toString()), error.getMessage());
    }

    @Test
    void aFileThatIsNotAMaxMindDatabaseIsNamed(@TempDir Path dir) throws IOException {
        Path notADatabase = Files.writeString(dir.resolve("countries.mmdb"), "193.0.6.0/24,NL\n");
        var error = assertThrows(RuntimeException.class, () -> with(Optional.of(notADatabase)));
        assertTrue(error.getMessage().contains("is not a MaxMind DB file"), error.getMessage());
    }
}
