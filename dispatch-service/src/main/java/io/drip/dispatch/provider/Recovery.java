package io.drip.dispatch.provider;

/**
 * What a provider knows of a message whose submission may have been cut short by a crash.
 *
 * @param outcome          accepted (with its id), not taken, deduplicated, or unknown
 * @param providerMessageId the provider's id when accepted
 */
public record Recovery(Outcome outcome, String providerMessageId) {

    public enum Outcome {
        /** The provider has it: record it as sent, never submit again. */
        ACCEPTED,
        /** The provider knows it does not have it: submit again, on any provider of the route. */
        NOT_TAKEN,
        /**
         * The provider may have it but takes a message id once: submit again to this provider
         * only (another provider would send a second SMS).
         */
        DEDUPLICATED,
        /** Nobody can tell: it is not submitted again (at most once). */
        UNKNOWN
    }

    public static Recovery accepted(String providerMessageId) {
        return new Recovery(Outcome.ACCEPTED, providerMessageId);
    }

    public static Recovery notTaken() {
        return new Recovery(Outcome.NOT_TAKEN, null);
    }

    public static Recovery deduplicated() {
        return new Recovery(Outcome.DEDUPLICATED, null);
    }

    public static Recovery unknown() {
        return new Recovery(Outcome.UNKNOWN, null);
    }
}
