package io.drip.journey.definition;

import io.drip.journey.webhook.WebhookConfig;
import io.drip.kit.mms.MmsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.StringReader;

/**
 * Reads a journey as this deployment takes it for publishing (the API, the journey files, the
 * editor's validation and simulation): the reader's checks, and media only in categories whose
 * routes send MMS ({@link MmsConfig}), webhooks only to allowed hosts ({@link WebhookConfig}).
 * Versions already stored are read without the latter two, so a route made SMS-only or a host
 * taken off the list later never stops runs in flight; dispatch fails their MMS, and the calls to
 * such a host fail, instead.
 */
@ApplicationScoped
public class JourneyValidator {

    @Inject
    MmsConfig mms;

    @Inject
    WebhookConfig webhooks;

    /** The journey, or a {@link JourneyFileException} naming {@code origin}, line and column. */
    public JourneyDefinition read(String origin, String yaml) {
        return JourneyReader.read(origin, new StringReader(yaml == null ? "" : yaml), mms::smsOnly, webhooks::allows);
    }
}
