package io.drip.dispatch.provider;

import io.smallrye.mutiny.Uni;
import java.time.Instant;

/**
 * An SMS provider: hands a message to a network. Implementations are CDI beans, named in the
 * routes' configuration by {@link #name()}.
 */
public interface SmsProvider {

    /** The name routes use, e.g. sandbox, twilio, http, smpp. */
    String name();

    /** Whether the provider is configured; a route naming an unconfigured one fails at start. */
    default boolean configured() {
        return true;
    }

    /** Whether it sends a message with media as one MMS; one that cannot is never handed media. */
    default boolean sendsMms() {
        return false;
    }

    /**
     * Submits one message. Fails with a {@link ProviderException} saying whether the failure is
     * transient (try again), permanent (never) or of unknown outcome (it may have been accepted).
     */
    Uni<Accepted> submit(Submission submission);

    /**
     * What the provider can tell about a submission whose outcome is unknown: a crash between the
     * call and the commit that records it, or a call that timed out.
     *
     * @param notBefore when Drip created the message: no provider can have it from earlier
     */
    default Uni<Recovery> recover(Submission submission, Instant notBefore) {
        return Uni.createFrom().item(Recovery.unknown());
    }
}
