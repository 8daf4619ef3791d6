package io.drip.dispatch.send;

import static io.drip.dispatch.Sends.contactWith;
import static io.drip.dispatch.Sends.is;
import static io.drip.dispatch.Sends.randomNumber;
import static io.drip.dispatch.Sends.send;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * Logs (shipped as JSON in prod) name contacts and messages by id: a flow that sends, fails at
 * the provider and dead-letters a record holding a phone number logs neither the number nor the
 * text.
 */
@QuarkusTest
class LogPrivacyTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Every line logged while it is attached, with its stack trace. */
    private static final class Captured extends Handler {
        final StringBuilder text = new StringBuilder();

        @Override
        public synchronized void publish(LogRecord record) {
            text.append(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage()).append('\n');
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                text.append(trace).append('\n');
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        synchronized String text() {
            return text.toString();
        }
    }

    @Test
    void noPhoneNumberAndNoMessageTextReachTheLog() {
        Captured log = new Captured();
        Logger root = Logger.getLogger("");
        root.addHandler(log);
        String phone = randomNumber("+316", 11);
        // the Twilio stand-in refuses it (21211); not TwilioProviderTest's number: this marks it undeliverable
        String refused = "+447700710000";
        String text = "Secret sale " + UUID.randomUUID();
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES); var dlq = TopicProbe.watch(Topics.dlq(Topics.SENDS))) {
            SendCommand sent = send(contactWith(phone), text);
            SendCommand failed = send(contactWith(refused), text);
            deliveries.await(r -> is(r, sent.messageId(), "delivered"), WAIT);
            deliveries.await(r -> is(r, failed.messageId(), "failed"), WAIT);
            String key = "poison-" + UUID.randomUUID();
            TopicProbe.produce(Topics.SENDS, key, "{\"contactId\": \"c-1\", \"to\": \"" + phone + "\", \"text\": ");
            dlq.await(r -> key.equals(r.key()), WAIT);
        } finally {
            root.removeHandler(log);
        }
        String logged = log.text();
        assertTrue(logged.contains("drip.sends.v1"), "the poison record was logged, so the capture works:\n" + logged);
        assertFalse(logged.contains(phone.substring(1)), "a phone number in the log:\n" + logged);
        assertFalse(logged.contains(refused.substring(1)), "a phone number in the log:\n" + logged);
        assertFalse(logged.contains(text), "a message text in the log:\n" + logged);
    }
}
