package io.drip.contact.ingest;

import io.drip.kit.clock.TimeZones;

/**
 * Something in an accepted request that Drip ignored, and where: the message was applied
 * without it. Answered beside {@code "success": true} as {@code "warnings": [{"field", "message"}]}.
 *
 * @param field a JSON pointer into the request, e.g. {@code /batch/2/context/timezone}
 */
public record IngestWarning(String field, String message) {

    static IngestWarning ignoredTimezone(String field, String zone) {
        return new IngestWarning(field, TimeZones.notAZone(zone) + "; ignored");
    }
}
