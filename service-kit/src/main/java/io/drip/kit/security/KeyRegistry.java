package io.drip.kit.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The API keys and write keys a service accepts, held only as SHA-256 hashes.
 *
 * <p>API keys are configured as {@code name:role[+role...]:sha256hex}, write keys as
 * {@code source:sha256hex}; several entries are separated by commas (one environment variable
 * or Kubernetes Secret key each).
 */
public final class KeyRegistry {
    private static final Set<String> ADMIN_ROLES = Set.of(Roles.MARKETER, Roles.OPS, Roles.VIEWER);

    /** Who a presented key belongs to. */
    public record Holder(String name, Set<String> roles) {
    }

    private final Map<String, Holder> apiKeys;
    private final Map<String, Holder> writeKeys;

    private KeyRegistry(Map<String, Holder> apiKeys, Map<String, Holder> writeKeys) {
        this.apiKeys = apiKeys;
        this.writeKeys = writeKeys;
    }

    public static KeyRegistry parse(List<String> apiKeyEntries, List<String> writeKeyEntries) {
        Map<String, Holder> api = new HashMap<>();
        for (String entry : apiKeyEntries) {
            String[] parts = entry.trim().split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException("drip.security.api-keys: entry '" + redact(entry)
                        + "' must be name:role[+role]:sha256hex");
            }
            Set<String> roles = Set.of(parts[1].split("\\+"));
            for (String role : roles) {
                if (!ADMIN_ROLES.contains(role)) {
                    throw new IllegalArgumentException("drip.security.api-keys: entry '" + parts[0]
                            + "' has unknown role '" + role + "'; roles are " + ADMIN_ROLES);
                }
            }
            api.put(checkedHash(parts[2], parts[0]), new Holder(parts[0], roles));
        }
        Map<String, Holder> write = new HashMap<>();
        for (String entry : writeKeyEntries) {
            String[] parts = entry.trim().split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("drip.security.write-keys: entry '" + redact(entry)
                        + "' must be source:sha256hex");
            }
            write.put(checkedHash(parts[1], parts[0]), new Holder(parts[0], Set.of(Roles.INGEST)));
        }
        return new KeyRegistry(Map.copyOf(api), Map.copyOf(write));
    }

    public Optional<Holder> apiKey(String presentedKey) {
        return Optional.ofNullable(apiKeys.get(sha256Hex(presentedKey)));
    }

    public Optional<Holder> writeKey(String presentedKey) {
        return Optional.ofNullable(writeKeys.get(sha256Hex(presentedKey)));
    }

    public static String sha256Hex(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String checkedHash(String hash, String name) {
        if (!hash.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("key '" + name + "': the hash must be 64 hex digits (SHA-256 of the key)");
        }
        return hash.toLowerCase();
    }

    /** Keeps a mistyped entry out of the logs in case it holds a plain key. */
    private static String redact(String entry) {
        return entry.length() <= 8 ? "…" : entry.substring(0, 8) + "…";
    }
}
