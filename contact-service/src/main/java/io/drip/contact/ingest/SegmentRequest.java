package io.drip.contact.ingest;

import io.drip.contracts.SegmentMessage;
import java.util.List;

/** The messages of one Segment API request, and what was ignored in them. */
public record SegmentRequest(List<SegmentMessage> messages, List<IngestWarning> warnings) {

    public SegmentRequest {
        messages = List.copyOf(messages);
        warnings = List.copyOf(warnings);
    }
}
