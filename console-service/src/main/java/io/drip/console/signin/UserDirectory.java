package io.drip.console.signin;

import io.drip.console.ConsoleConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.inject.Singleton;
import java.util.List;

/** The configured users, read once at start (a bad entry stops the start with its reason). */
@Singleton
public class UserDirectory {
    private final ConsoleUsers users;

    UserDirectory(ConsoleConfig config) {
        this.users = ConsoleUsers.parse(config.users().orElse(List.of()));
    }

    /** The identity of a user who gave this password. */
    SecurityIdentity signIn(String name, String password) {
        return users.find(name).filter(user -> Bcrypt.matches(password, user.passwordHash())).map(UserDirectory::identity)
                .orElseThrow(() -> new AuthenticationFailedException("unknown user or wrong password"));
    }

    /** The identity of a user whose session cookie the form mechanism has decrypted; a removed user is signed out. */
    SecurityIdentity resume(String name) {
        return users.find(name).map(UserDirectory::identity)
                .orElseThrow(() -> new AuthenticationFailedException("the user is no longer configured"));
    }

    private static SecurityIdentity identity(ConsoleUsers.User user) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(user.name())).addRoles(user.roles())
                .build();
    }
}
