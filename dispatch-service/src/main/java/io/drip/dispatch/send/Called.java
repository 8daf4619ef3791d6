package io.drip.dispatch.send;

import io.drip.dispatch.provider.Accepted;
import io.drip.dispatch.provider.Recovery;

/** How a provider call of an {@link Attempt} ended, to be recorded by {@link AttemptOutcomes}. */
public sealed interface Called {
    Attempt attempt();

    /** The provider took the message. */
    record Taken(Attempt attempt, Accepted accepted) implements Called {
    }

    /**
     * The call failed.
     *
     * @param recovery what the provider could tell of a call whose outcome it left unknown (a
     *                 timeout); null for any other failure
     */
    record Refused(Attempt attempt, Throwable failure, Recovery recovery) implements Called {
    }
}
