package io.drip.dispatch.provider;

/** A provider did not take a message, and what that means for trying again. */
public class ProviderException extends RuntimeException {

    public enum Kind {
        /** Not taken; the same or another provider may take it later (outage, throttling, 5xx). */
        TRANSIENT,
        /** Never to be sent (invalid number, blocked content); retrying cannot help. */
        PERMANENT,
        /** The outcome is unknown: the provider may have taken it (e.g. timeout after sending). */
        UNKNOWN
    }

    private final Kind kind;
    private final String reason;
    private final boolean numberUndeliverable;

    private ProviderException(Kind kind, String reason, boolean numberUndeliverable, String detail, Throwable cause) {
        super(reason + (detail == null ? "" : ": " + detail), cause);
        this.kind = kind;
        this.reason = reason;
        this.numberUndeliverable = numberUndeliverable;
    }

    public static ProviderException transientFailure(String reason, String detail, Throwable cause) {
        return new ProviderException(Kind.TRANSIENT, reason, false, detail, cause);
    }

    public static ProviderException permanent(String reason, String detail) {
        return new ProviderException(Kind.PERMANENT, reason, false, detail, null);
    }

    /** A permanent failure of the number itself: later sends to it are suppressed. */
    public static ProviderException undeliverableNumber(String reason, String detail) {
        return new ProviderException(Kind.PERMANENT, reason, true, detail, null);
    }

    public static ProviderException unknownOutcome(String reason, String detail, Throwable cause) {
        return new ProviderException(Kind.UNKNOWN, reason, false, detail, cause);
    }

    public Kind kind() {
        return kind;
    }

    /** The failure reason published on drip.deliveries.v1, e.g. number_invalid, provider_unavailable. */
    public String reason() {
        return reason;
    }

    public boolean numberUndeliverable() {
        return numberUndeliverable;
    }
}
