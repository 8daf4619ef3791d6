package io.drip.console.pages;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is looking at a page: the name the header shows, whether journey changes are offered
 * (marketer) and whether phone numbers and message texts are shown (ops).
 */
public record Viewer(String name, boolean marketer, boolean ops) {
    public static final String MARKETER = "marketer";
    public static final String OPS = "ops";

    public static Viewer of(SecurityIdentity identity) {
        return new Viewer(identity.getPrincipal().getName(), identity.hasRole(MARKETER), identity.hasRole(OPS));
    }

    /** The roles as the header shows them. */
    public String roles() {
        return marketer && ops ? "marketer, ops" : marketer ? "marketer" : ops ? "ops" : "viewer";
    }
}
