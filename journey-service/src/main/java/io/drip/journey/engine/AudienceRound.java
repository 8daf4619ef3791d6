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
 * round reaches the member.
 *
 * @param manual a round a marketer started now, beside the schedule: named by that moment in
 *               {@code defaultZone}, it reaches every member at once, whatever their zone
 */
public record AudienceRound(String journeyId, Audience audience, LocalDateTime round, ZoneId defaultZone, boolean manual) {
    public static final String EVENT = "Audience";

    /** A round of the journey's schedule. */
    public AudienceRound(String journeyId, Audience audience, LocalDateTime round, ZoneId defaultZone) {
        this(journeyId, audience, round, defaultZone, false);
    }

    /** When the round starts entering its members. */
    public Instant startsAt() {
        return manual ? round.atZone(defaultZone).toInstant() : audience.startOf(round, defaultZone);
    }

    /** When the member, in {@code zone} (null: unknown), takes the first step: the round's time there. */
    public Instant reaches(String zone) {
        return manual ? startsAt() : audience.reaches(round, zone == null ? null : ZoneId.of(zone), defaultZone);
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
