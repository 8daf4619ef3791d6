package io.drip.kit.security;

/** The roles of DESIGN.md's security model. */
public final class Roles {
    /** Backends sending events with a write key. */
    public static final String INGEST = "ingest";
    public static final String MARKETER = "marketer";
    public static final String OPS = "ops";
    public static final String VIEWER = "viewer";

    private Roles() {
    }
}
