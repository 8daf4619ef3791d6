package io.drip.journey.audience;

import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;

/**
 * A round of an audience journey as stored (table {@code audience_round}) and shown by its
 * progress: {@code reached} of {@code audienceSize} members so far, {@code entered} of them
 * entered (the others were passed over by the re-entry policy, a run in flight or the trigger's
 * condition); {@code manual} when a marketer started it now, beside the schedule.
 */
public record RoundRow(String journeyId, LocalDateTime round, String status, String segment, Long audienceSize,
        long reached, long entered, String afterMember, Instant startsAt, Instant startedAt, Instant finishedAt,
        boolean manual) {
    public static final String PLANNED = "planned";
    public static final String ENTERING = "entering";
    public static final String DONE = "done";

    static final String COLUMNS = "journey_id, round, status, segment, audience_size, reached, entered, after_member, "
            + "starts_at, started_at, finished_at, manual";

    static RoundRow of(Row row) {
        return new RoundRow(row.getString("journey_id"), row.getLocalDateTime("round"), row.getString("status"),
                row.getString("segment"), row.getLong("audience_size"), row.getLong("reached"), row.getLong("entered"),
                row.getString("after_member"), instant(row.getOffsetDateTime("starts_at")),
                instant(row.getOffsetDateTime("started_at")), instant(row.getOffsetDateTime("finished_at")),
                row.getBoolean("manual"));
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
