package io.drip.console.signin;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The users who may sign in with a password, from configuration: {@code name:role[+role]:hash}
 * entries, the hash a bcrypt one in Modular Crypt Format ({@code $2a$...}). The roles are the
 * APIs' own.
 */
public final class ConsoleUsers {
    static final Set<String> ROLES = Set.of("viewer", "marketer", "ops");

    /** A user who may sign in, with their roles and password hash. */
    public record User(String name, Set<String> roles, String passwordHash) {
    }

    private final Map<String, User> byName;

    private ConsoleUsers(Map<String, User> byName) {
        this.byName = byName;
    }

    public static ConsoleUsers parse(List<String> entries) {
        Map<String, User> users = new HashMap<>();
        for (String entry : entries) {
            String[] parts = entry.trim().split(":", 3);
            if (parts.length != 3 || parts[0].isBlank() || !parts[2].startsWith("$2")) {
                // the entry may hold a hash: only its name is repeated
                throw new IllegalArgumentException("drip.console.users: the entry of '" + parts[0]
                        + "' must be name:role[+role]:bcrypt-hash ($2a$...)");
            }
            Set<String> roles = Set.of(parts[1].split("\\+"));
            for (String role : roles) {
                if (!ROLES.contains(role)) {
                    throw new IllegalArgumentException("drip.console.users: user '" + parts[0] + "' has unknown role '"
                            + role + "'; roles are " + ROLES);
                }
            }
            if (users.put(parts[0], new User(parts[0], roles, parts[2])) != null) {
                throw new IllegalArgumentException("drip.console.users: user '" + parts[0] + "' appears twice");
            }
        }
        return new ConsoleUsers(Map.copyOf(users));
    }

    public Optional<User> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
