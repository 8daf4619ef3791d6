package io.drip.kit.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyRegistryTest {
    private static final String OPS_KEY = "ops-secret-key";
    private static final String WRITE_KEY = "shop-write-key";

    private final KeyRegistry registry = KeyRegistry.parse(
            List.of("alice:ops+viewer:" + KeyRegistry.sha256Hex(OPS_KEY)),
            List.of("shop:" + KeyRegistry.sha256Hex(WRITE_KEY)));

    @Test
    void findsTheHolderOfAKeyByItsHash() {
        var holder = registry.apiKey(OPS_KEY).orElseThrow();
        assertEquals("alice", holder.name());
        assertEquals(Set.of("ops", "viewer"), holder.roles());
        assertEquals(Set.of(Roles.INGEST), registry.writeKey(WRITE_KEY).orElseThrow().roles());
    }

    @Test
    void aWriteKeyIsNoApiKeyAndAWrongKeyIsNobody() {
        assertTrue(registry.apiKey(WRITE_KEY).isEmpty());
        assertTrue(registry.writeKey(OPS_KEY).isEmpty());
        assertTrue(registry.apiKey("guess").isEmpty());
    }

    @Test
    void rejectsUnknownRolesAndPlainKeysInConfiguration() {
        var role = assertThrows(IllegalArgumentException.class,
                () -> KeyRegistry.parse(List.of("bob:admin:" + KeyRegistry.sha256Hex("x")), List.of()));
        assertTrue(role.getMessage().contains("unknown role 'admin'"), role.getMessage());
        var plain = assertThrows(IllegalArgumentException.class,
                () -> KeyRegistry.parse(List.of(), List.of("shop:my-plain-key")));
        assertTrue(plain.getMessage().contains("64 hex digits"), plain.getMessage());
    }
}
