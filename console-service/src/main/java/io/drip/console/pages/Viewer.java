package io.drip.console.pages;

import io.quarkus.security.identity.SecurityIdentity;

/** Who is looking at a page: the name the header shows and whether journey changes are offered. */
public record Viewer(String name, boolean marketer) {
    public static final String MARKETER = "marketer";

    public static Viewer of(SecurityIdentity identity) {
        return new Viewer(identity.getPrincipal().getName(), identity.hasRole(MARKETER));
    }
}
