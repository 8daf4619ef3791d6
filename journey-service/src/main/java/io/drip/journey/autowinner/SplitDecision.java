package io.drip.journey.autowinner;

/** A split's decision as stored: the journey version and step it is about, its winner and evidence. */
public record SplitDecision(String journeyId, int version, String stepId, String winner, Evidence evidence) {
}
