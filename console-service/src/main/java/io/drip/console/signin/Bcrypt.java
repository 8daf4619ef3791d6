package io.drip.console.signin;

import java.security.GeneralSecurityException;
import java.security.spec.InvalidKeySpecException;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.util.ModularCrypt;

/** Checks a password against a bcrypt hash with Elytron's password factory (no hashing of our own). */
final class Bcrypt {
    private static final WildFlyElytronPasswordProvider PROVIDER = new WildFlyElytronPasswordProvider();

    private Bcrypt() {
    }

    static boolean matches(String password, String hash) {
        try {
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, PROVIDER);
            return factory.verify(factory.translate(ModularCrypt.decode(hash)), password.toCharArray());
        } catch (InvalidKeySpecException | IllegalArgumentException e) {
            // a malformed hash in configuration matches nothing; ConsoleUsers checked its shape
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Elytron's bcrypt is unavailable", e);
        }
    }
}
