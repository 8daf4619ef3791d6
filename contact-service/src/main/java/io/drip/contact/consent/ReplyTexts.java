package io.drip.contact.consent;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * {@code drip.replies.*}: the automatic replies (transactional SMS); defaults in
 * application.properties. An empty text sends no reply.
 */
@ConfigMapping(prefix = "drip.replies")
public interface ReplyTexts {
    /** to an opt-out keyword (STOP, STOPALL...) */
    Optional<String> optOut();

    /** to an opt-in keyword (START...) */
    Optional<String> optIn();

    /** to HELP or INFO; carriers require an answer */
    Optional<String> help();

    /** asks the number to confirm a double opt-in */
    Optional<String> confirmRequest();

    /** to a Y that confirmed a double opt-in */
    Optional<String> confirmed();
}
