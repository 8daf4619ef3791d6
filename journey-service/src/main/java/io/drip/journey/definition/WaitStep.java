package io.drip.journey.definition;

/** Holds the run for a time or until a local time or date; the durable timer wakes it. */
public record WaitStep(String id, WaitTime time, String next) implements Step {

    @Override
    public Step compressed(long factor) {
        return time instanceof WaitTime.Delay delay
                ? new WaitStep(id, new WaitTime.Delay(delay.duration().dividedBy(factor)), next) : this;
    }
}
