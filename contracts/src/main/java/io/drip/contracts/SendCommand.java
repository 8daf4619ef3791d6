package io.drip.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One message to send, on {@code drip.sends.v1}. {@code idempotencyKey} identifies the send
 * decision (run and step), so a redelivered or re-emitted command is never sent twice.
 *
 * @param category   marketing or transactional
 * @param notBefore  do not send earlier than this (null: now)
 * @param sendWindow the journey's local-time window overriding dispatch's default (null: default)
 * @param utm        false: tracking adds no UTM parameters to the links (null: tracking's default, on)
 * @param tags       what kind of message it is, for dispatch's caps per tag ({@link #TAG_PATTERN}:
 *                   {@code abandoned_cart}, {@code promo:shoes}, the marker {@link #URGENT}); absent: none
 * @param media      image URLs (https, 1 to {@link #MAX_MEDIA}) sent with the text as one MMS; null: an SMS
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SendCommand(
        String messageId,
        String idempotencyKey,
        String contactId,
        String journeyId,
        Integer journeyVersion,
        String stepId,
        String variant,
        String channel,
        String category,
        String text,
        List<Link> links,
        Instant notBefore,
        SendWindow sendWindow,
        Instant createdAt,
        Boolean utm,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> tags,
        List<String> media) {

    public static final String MARKETING = "marketing";
    public static final String TRANSACTIONAL = "transactional";
    /** The idempotency key of a reply to an inbound SMS starts so (followed by the inbound id). */
    private static final String REPLY_KEY = "keyword-reply:";
    /** A tag: a name, or a name and a value ({@code business_line:shoes}), as in send-command.schema.json. */
    public static final String TAG_PATTERN = "[a-z0-9][a-z0-9_-]{0,63}(:[a-z0-9][a-z0-9_.-]{0,63})?";
    /** The tag that lets a message past a cap per tag by that cap's urgent allowance. */
    public static final String URGENT = "urgent";
    /** The most media one message carries (Twilio's limit; as send-command.schema.json's maxItems). */
    public static final int MAX_MEDIA = 10;

    public SendCommand {
        tags = tags == null ? List.of() : List.copyOf(tags);
        media = media == null || media.isEmpty() ? null : List.copyOf(media); // no media: an SMS, written without the field
    }

    /**
     * The answer to a keyword an SMS carried (an opt-out's confirmation, HELP): transactional,
     * once per inbound SMS. Carriers require it even to a number that opted out of everything,
     * so dispatch checks no consent for it ({@link #answersInbound}).
     */
    public static SendCommand keywordReply(String contactId, String inboundId, String text, Instant at) {
        return new SendCommand(UUID.randomUUID().toString(), REPLY_KEY + inboundId, contactId, null, null, null, null,
                "sms", TRANSACTIONAL, text, null, null, null, at);
    }

    /** This command carrying {@code media} (image URLs): sent as an MMS; none: an SMS. */
    public SendCommand withMedia(List<String> media) {
        return new SendCommand(messageId, idempotencyKey, contactId, journeyId, journeyVersion, stepId, variant, channel,
                category, text, links, notBefore, sendWindow, createdAt, utm, tags, media);
    }

    /**
     * This command as kept for a contact erased before it arrived: under {@code pseudonym}, with
     * what identifies the send decision (ids, journey, step, category, times) and no text or links.
     */
    public SendCommand withoutPersonalData(String pseudonym) {
        return new SendCommand(messageId, idempotencyKey, pseudonym, journeyId, journeyVersion, stepId, variant, channel,
                category, "", null, null, null, createdAt, null, tags, null);
    }

    /** This command with these tags (null or empty: none). */
    public SendCommand withTags(List<String> tags) {
        return new SendCommand(messageId, idempotencyKey, contactId, journeyId, journeyVersion, stepId, variant, channel,
                category, text, links, notBefore, sendWindow, createdAt, utm, tags, media);
    }

    /** Whether a command with this idempotency key is a {@link #keywordReply}. */
    public static boolean answersInbound(String idempotencyKey) {
        return idempotencyKey != null && idempotencyKey.startsWith(REPLY_KEY);
    }

    /** A command without tags or media. */
    public SendCommand(String messageId, String idempotencyKey, String contactId, String journeyId,
            Integer journeyVersion, String stepId, String variant, String channel, String category, String text,
            List<Link> links, Instant notBefore, SendWindow sendWindow, Instant createdAt, Boolean utm) {
        this(messageId, idempotencyKey, contactId, journeyId, journeyVersion, stepId, variant, channel, category, text,
                links, notBefore, sendWindow, createdAt, utm, null, null);
    }

    /** A command without tags or media that leaves UTM tagging to tracking's default. */
    public SendCommand(String messageId, String idempotencyKey, String contactId, String journeyId,
            Integer journeyVersion, String stepId, String variant, String channel, String category, String text,
            List<Link> links, Instant notBefore, SendWindow sendWindow, Instant createdAt) {
        this(messageId, idempotencyKey, contactId, journeyId, journeyVersion, stepId, variant, channel, category, text,
                links, notBefore, sendWindow, createdAt, null, null, null);
    }

    /** A tracked short link in the text: {@code code} is the path of the short URL. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Link(String code, String url) {
        /** What a code may look like (as in send-command.schema.json). */
        public static final String CODE_PATTERN = "[0-9A-Za-z]{10,32}";
    }

    /** Local times "HH:mm" in the contact's time zone. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SendWindow(String from, String to) {
    }
}
