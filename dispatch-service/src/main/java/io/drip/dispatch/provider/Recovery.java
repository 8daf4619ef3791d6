package io.drip.dispatch.provider;

/**
 * What a provider knows of a message whose submission may have been cut short by a crash.
 *
 * @param outcome          accepted (with its id), not accepted, or unknown
 * @param providerMessageId the provider's id when accepted
 */
public record Recovery(Outcome outcome, String providerMessageId) {

    public enum Outcome {
        /** The provider has it: record it as sent, never submit again. */
        ACCEPTED,
        /** The provider does not have it, or submitting it again cannot make a second SMS. */
        SAFE_TO_SUBMIT,
        /** Nobody can tell: it is not submitted again (at most once). */
        UNKNOWN
    }

    public static Recovery accepted(String providerMessageId) {
        return new Recovery(Outcome.ACCEPTED, providerMessageId);
    }

    public static Recovery safeToSubmit() {
        return new Recovery(Outcome.SAFE_TO_SUBMIT, null);
    }

    public static Recovery unknown() {
        return new Recovery(Outcome.UNKNOWN, null);
    }
}
