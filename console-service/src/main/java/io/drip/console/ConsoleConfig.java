package io.drip.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** The console's settings (docs/configuration.md); the defaults are here and nowhere else. */
@ConfigMapping(prefix = "drip.console")
public interface ConsoleConfig {

    /** The console's own API key, sent to the services; never shown to a browser. */
    String apiKey();

    /** Local sign-in: {@code name:role[+role]:bcrypt-hash} entries; none when sign-in is by OIDC only. */
    Optional<List<String>> users();

    /**
     * The sandbox inbox page of dispatch-service ({@code /sandbox/inbox}), linked from the nav
     * where the sandbox provider and its page are on (local and demo runs); absent elsewhere.
     */
    Optional<String> sandboxInbox();

    /** Whether the console's cookies carry {@code Secure}: on everywhere but plain-HTTP local runs. */
    @WithDefault("true")
    boolean secureCookies();
}
