package io.drip.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The full state of one contact on compacted {@code drip.contacts.v1}; a null value (tombstone)
 * means the contact was erased. {@code version} grows with every change, so a consumer can
 * ignore a snapshot older than one it already holds.
 *
 * @param phone       E.164, or null when the contact has no usable number
 * @param phoneStatus valid, invalid, not_mobile or missing
 * @param consent     channel (e.g. "sms") to category ("marketing", "transactional") to consent
 * @param segments    ids of the segments the contact is in (null: not evaluated yet)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContactSnapshot(
        String contactId,
        long version,
        String phone,
        String phoneStatus,
        String timezone,
        String locale,
        ObjectNode traits,
        Map<String, Map<String, Consent>> consent,
        Instant updatedAt,
        List<String> segments) {

    /** A snapshot without segment membership. */
    public ContactSnapshot(String contactId, long version, String phone, String phoneStatus, String timezone,
            String locale, ObjectNode traits, Map<String, Map<String, Consent>> consent, Instant updatedAt) {
        this(contactId, version, phone, phoneStatus, timezone, locale, traits, consent, updatedAt, null);
    }

    /** One consent state with where it came from. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Consent(String state, Instant at, String source) {
        public static final String OPTED_IN = "opted_in";
        public static final String OPTED_OUT = "opted_out";
        public static final String UNKNOWN = "unknown";
    }
}
