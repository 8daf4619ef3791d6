package io.drip.console.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsoleUsersTest {
    private static final String MARKETER_PASS = "$2a$04$6DYMLZMIv6tnOm70XDAh8.GWqf4rFPduJIuwLUbu1McNNF9ssV8Lu";

    @Test
    void anEntryNamesTheUserTheirRolesAndTheirBcryptHash() {
        ConsoleUsers users = ConsoleUsers.parse(List.of(" mara:marketer+viewer:" + MARKETER_PASS));
        ConsoleUsers.User mara = users.find("mara").orElseThrow();
        assertEquals(Set.of("marketer", "viewer"), mara.roles());
        assertTrue(Bcrypt.matches("marketer-pass", mara.passwordHash()));
        assertFalse(Bcrypt.matches("marketer-pass ", mara.passwordHash()));
        assertTrue(users.find("victor").isEmpty());
    }

    @Test
    void aBadEntryIsRefusedWithoutRepeatingItsHash() {
        var plain = assertThrows(IllegalArgumentException.class, () -> ConsoleUsers.parse(List.of("mara:marketer:secret")));
        assertFalse(plain.getMessage().contains("secret"), plain.getMessage());
        var role = assertThrows(IllegalArgumentException.class,
                () -> ConsoleUsers.parse(List.of("mara:admin:" + MARKETER_PASS)));
        assertTrue(role.getMessage().contains("unknown role 'admin'"), role.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ConsoleUsers.parse(List.of("mara:viewer:" + MARKETER_PASS, "mara:marketer:" + MARKETER_PASS)));
        assertFalse(Bcrypt.matches("x", "$2a$not-a-hash"));
    }
}
