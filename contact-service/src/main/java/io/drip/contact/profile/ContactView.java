package io.drip.contact.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.contracts.ContactSnapshot;
import java.time.Instant;

/**
 * A contact as the admin API shows it: its snapshot plus what only contact-service keeps (last
 * activity, RFM scores).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContactView(@JsonUnwrapped ContactSnapshot contact, Instant lastActivityAt, ObjectNode rfm) {
}
