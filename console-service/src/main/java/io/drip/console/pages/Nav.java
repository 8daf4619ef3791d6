package io.drip.console.pages;

import io.drip.console.ConsoleConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/** What every page's navigation offers beyond the console's own pages ({@code inject:nav} in base.html). */
@Named("nav")
@ApplicationScoped
public class Nav {
    private final String sandboxInbox;

    Nav(ConsoleConfig config) {
        this.sandboxInbox = config.sandboxInbox().orElse(null);
    }

    /** dispatch-service's sandbox inbox, or null where there is none. */
    public String sandboxInbox() {
        return sandboxInbox;
    }
}
