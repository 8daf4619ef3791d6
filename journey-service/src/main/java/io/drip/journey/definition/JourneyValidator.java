package io.drip.journey.definition;

import io.drip.kit.mms.MmsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.StringReader;

/**
 * Reads a journey as this deployment takes it for publishing (the API, the journey files, the
 * editor's validation and simulation): the reader's checks, and media only in categories whose
 * routes send MMS ({@link MmsConfig}). Versions already stored are read without the latter, so a
 * route made SMS-only later never stops runs in flight; dispatch fails their MMS instead.
 */
@ApplicationScoped
public class JourneyValidator {

    @Inject
    MmsConfig mms;

    /** The journey, or a {@link JourneyFileException} naming {@code origin}, line and column. */
    public JourneyDefinition read(String origin, String yaml) {
        return JourneyReader.read(origin, new StringReader(yaml == null ? "" : yaml), mms::smsOnly);
    }
}
