package io.drip.journey.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.drip.journey.definition.Audience;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * One round of a journey's audience (named by its local date and time) as the engine and the
 * simulator enter its members: each member's trigger event, {@value #EVENT}, and the moment the
 * member takes its first step.
 *
 * @param size   the audience's size counted when the round started: a spread divides its window by it
 * @param manual a round a marketer started now, beside the schedule: named by that moment in
 *               {@code defaultZone}, it reaches every member at once, whatever their zone
 */
public record AudienceRound(String journeyId, Audience audience, LocalDateTime round, ZoneId defaultZone, long size,
        boolean manual) {
    public static final String EVENT = "Audience";

    /** A round of the journey's schedule. */
    public AudienceRound(String journeyId, Audience audience, LocalDateTime round, ZoneId defaultZone, long size) {
        this(journeyId, audience, round, defaultZone, size, false);
    }

    /** When the round starts entering its members. */
    public Instant startsAt() {
        return manual ? round.atZone(defaultZone).toInstant() : audience.startOf(round, defaultZone);
    }

    /**
     * When the member at {@code position} (0-based, in the order the round enters its members), in
     * {@code zone} (null: unknown), takes the first step: the round's time there (a manual round's
     * moment, everywhere), plus its share of the spread if the audience has one.
     */
    public Instant firstStepAt(String zone, long position) {
        return manual ? startsAt().plus(audience.delayOf(position, size))
                : audience.firstStepAt(round, zone == null ? null : ZoneId.of(zone), defaultZone, position, size);
    }

    /**
     * The event that enters a member: {@code Audience} with the segment and the round as
     * properties; its messageId names journey, round and contact, so it is the same every time
     * the round is entered.
     */
    public SegmentMessage trigger(String contactId, Instant now) {
        ObjectNode properties = MessageJson.mapper().createObjectNode()
                .put("segment", audience.segment())
                .put("round", round.toString());
        return new SegmentMessage(SegmentMessage.TRACK, "audience:" + journeyId + ":" + round + ":" + contactId,
                contactId, null, EVENT, null, properties, null, null, startsAt(), null, now);
    }
}
