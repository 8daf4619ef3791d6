package io.drip.dispatch;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.DeliveryStatus;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.testing.TopicProbe;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What dispatch's tests publish and read: contacts, send commands, delivery statuses. */
public final class Sends {

    private Sends() {
    }

    /** A random number under {@code prefix} of 12 digits (as UK mobiles have). */
    public static String randomNumber(String prefix) {
        return randomNumber(prefix, 12);
    }

    /** A random number under {@code prefix} of {@code digits} digits (French mobiles: 11). */
    public static String randomNumber(String prefix, int digits) {
        StringBuilder number = new StringBuilder(prefix);
        while (number.length() < digits + 1) {
            number.append(ThreadLocalRandom.current().nextInt(10));
        }
        if (number.toString().endsWith("0000")) {
            number.setCharAt(digits, '1'); // ...0000 is the stand-ins' invalid number
        }
        return number.toString();
    }

    public static void publishContact(String contactId, String phone, String marketingConsent) {
        publishContact(contactId, phone, marketingConsent, 1);
    }

    /** Publishes version {@code version} of the contact's snapshot. */
    public static void publishContact(String contactId, String phone, String marketingConsent, long version) {
        publishContact(contactId, phone, marketingConsent, version, null);
    }

    private static void publishContact(String contactId, String phone, String marketingConsent, long version,
            String locale) {
        var consent = marketingConsent == null ? Map.<String, Map<String, ContactSnapshot.Consent>>of()
                : Map.of("sms", Map.of("marketing", new ContactSnapshot.Consent(marketingConsent, Instant.now(), "api")));
        TopicProbe.produce(Topics.CONTACTS, contactId, MessageJson.write(new ContactSnapshot(contactId, version, phone, "valid",
                "Europe/Paris", locale, MessageJson.mapper().createObjectNode(), consent, Instant.now())));
    }

    /** A new contact with this number, published; returns its id. */
    public static String contactWith(String phone) {
        return contactWith(phone, null);
    }

    /** A new contact with this number and locale (e.g. zh-CN), published; returns its id. */
    public static String contactWith(String phone, String locale) {
        String contactId = "c-" + UUID.randomUUID();
        publishContact(contactId, phone, null, 1, locale);
        return contactId;
    }

    /** Publishes a marketing send to the contact; returns it. */
    public static SendCommand sendMarketing(String contactId, String text) {
        SendCommand command = command(contactId, "k-" + UUID.randomUUID(), SendCommand.MARKETING, text);
        TopicProbe.produce(Topics.SENDS, contactId, MessageJson.write(command));
        return command;
    }

    public static SendCommand command(String contactId, String idempotencyKey, String category, String text) {
        return new SendCommand(UUID.randomUUID().toString(), idempotencyKey, contactId, "welcome", 1, "hello", null, "sms",
                category, text, List.of(), null, null, Instant.now());
    }

    /** Publishes a transactional send to the contact; returns it. */
    public static SendCommand send(String contactId, String text) {
        SendCommand command = command(contactId, "k-" + UUID.randomUUID(), SendCommand.TRANSACTIONAL, text);
        TopicProbe.produce(Topics.SENDS, contactId, MessageJson.write(command));
        return command;
    }

    /** Publishes a transactional MMS to the contact: the text with these image URLs; returns it. */
    public static SendCommand sendMms(String contactId, String text, List<String> media) {
        SendCommand command = command(contactId, "k-" + UUID.randomUUID(), SendCommand.TRANSACTIONAL, text).withMedia(media);
        TopicProbe.produce(Topics.SENDS, contactId, MessageJson.write(command));
        return command;
    }

    public static DeliveryStatus status(ConsumerRecord<String, String> record) {
        return MessageJson.read(record.value(), DeliveryStatus.class);
    }

    /** Matches the status records of one message with one status. */
    public static boolean is(ConsumerRecord<String, String> record, String messageId, String status) {
        DeliveryStatus s = status(record);
        return s.messageId().equals(messageId) && s.status().equals(status);
    }
}
