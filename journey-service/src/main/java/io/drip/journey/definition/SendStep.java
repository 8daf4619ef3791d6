package io.drip.journey.definition;

import java.util.List;

/**
 * A step that sends one message.
 *
 * @param category marketing or transactional
 * @param text     Liquid template of the message text
 * @param tags     what kind of message it is, for dispatch's caps per tag (none: empty)
 * @param media    image URLs (https) sent with the text as one MMS; empty: an SMS
 * @param bestTime when the message waits for the contact's best hour; null: it leaves at once
 */
public record SendStep(String id, String channel, String category, String text, List<String> tags, List<String> media,
        BestTime bestTime, String next)
        implements Step {

    @Override
    public Step compressed(long factor) {
        return bestTime == null ? this
                : new SendStep(id, channel, category, text, tags, media, bestTime.compressed(factor), next);
    }
}
