package io.drip.kit.mms;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;
import java.util.Set;

/**
 * Where MMS can go, {@code drip.mms.*} ({@code DRIP_MMS_*}), read by journey-service and
 * dispatch-service alike: set it once for both. A route is chosen by the contact's number, which
 * a journey does not know before it runs; what a journey's send step does know is its category,
 * so the operator says which categories' routes are SMS-only. journey-service refuses media in
 * such a step when a journey is validated or published; dispatch-service fails any MMS of such a
 * category, and any MMS on a route without a provider that sends MMS, with reason
 * {@code mms_not_supported} (docs/sending.md, "MMS").
 */
@ConfigMapping(prefix = "drip.mms")
public interface MmsConfig {

    /** Message categories (marketing, transactional) whose routes send SMS only; none: every category may carry media. */
    Optional<Set<String>> smsOnlyCategories();

    /** Whether a message of this category must go without media. */
    default boolean smsOnly(String category) {
        return smsOnlyCategories().orElse(Set.of()).contains(category);
    }
}
