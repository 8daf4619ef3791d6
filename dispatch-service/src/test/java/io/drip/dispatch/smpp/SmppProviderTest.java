package io.drip.dispatch.smpp;

import static io.drip.dispatch.Sends.contactWith;
import static io.drip.dispatch.Sends.is;
import static io.drip.dispatch.Sends.randomNumber;
import static io.drip.dispatch.Sends.send;
import static io.drip.dispatch.Sends.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.InboundSms;
import io.drip.contracts.MessageJson;
import io.drip.contracts.Topics;
import io.drip.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.jsmpp.util.DeliveryReceiptState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The smpp provider against an SMSC started in the test (jsmpp's server session). */
@QuarkusTest
@QuarkusTestResource(SmscStandIn.class)
class SmppProviderTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    SmppProvider smpp;

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(deadline), "not within " + WAIT + ": " + what);
            Thread.sleep(100);
        }
    }

    @BeforeEach
    void bound() throws InterruptedException {
        eventually(smpp::bound, "an SMPP session bound as a transceiver");
    }

    @Test
    void aLongMessageGoesOutInSarPartsAndItsDeliveryReceiptDeliversIt() throws Exception {
        String phone = randomNumber("+4477005");
        String contactId = contactWith(phone);
        String text = "a".repeat(100) + "€" + "b".repeat(100); // 203 septets: two parts
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            var command = send(contactId, text);
            var sent = status(deliveries.await(r -> is(r, command.messageId(), "sent"), WAIT));
            assertEquals("smpp", sent.provider());
            assertEquals(2, sent.segments());
            var parts = SmscStandIn.partsTo(phone);
            assertEquals(2, parts.size());
            assertEquals(parts.get(0).reference(), parts.get(1).reference());
            assertEquals((byte) 2, parts.get(0).total());
            assertEquals((byte) 1, parts.get(0).seqnum());
            assertEquals((byte) 2, parts.get(1).seqnum());
            assertEquals((byte) 0, parts.get(0).dataCoding());
            assertEquals(text, SmppProvider.decode(parts.get(0).message(), (byte) 0)
                    + SmppProvider.decode(parts.get(1).message(), (byte) 0));
            assertEquals(parts.get(0).messageId(), sent.providerMessageId());

            SmscStandIn.deliverReceipt(sent.providerMessageId(), phone, DeliveryReceiptState.DELIVRD);
            deliveries.await(r -> is(r, command.messageId(), "delivered"), WAIT);
        }
    }

    @Test
    void anInboundSmsInUcs2IsPublishedWithItsKeyword() throws Exception {
        String phone = randomNumber("+4477005");
        String contactId = contactWith(phone);
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            var hello = send(contactId, "Hello");
            deliveries.await(r -> is(r, hello.messageId(), "sent"), WAIT); // dispatch knows the contact now
        }
        try (var inbound = TopicProbe.watch(Topics.INBOUND)) {
            SmscStandIn.deliverInbound(phone, "退订");
            InboundSms sms = MessageJson.read(inbound.await(r -> contactId.equals(r.key()), WAIT).value(), InboundSms.class);
            assertEquals("退订", sms.keyword());
            assertEquals(phone, sms.from());
            assertEquals("smpp", sms.provider());
        }
    }

    @Test
    void afterTheSmscDropsTheSessionTheClientBindsAgainAndSends() throws Exception {
        int binds = SmscStandIn.BINDS.get();
        SmscStandIn.dropSession();
        eventually(() -> SmscStandIn.BINDS.get() > binds && smpp.bound(), "a new bind after the drop");
        String phone = randomNumber("+4477005");
        String contactId = contactWith(phone);
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            var command = send(contactId, "Back again");
            assertEquals("smpp", status(deliveries.await(r -> is(r, command.messageId(), "sent"), WAIT)).provider());
        }
    }

    @Test
    void anIdleSessionIsKeptAliveWithEnquireLink() throws Exception {
        int seen = SmscStandIn.ENQUIRE_LINKS.get();
        // the test profile asks for one every second
        eventually(() -> SmscStandIn.ENQUIRE_LINKS.get() >= seen + 2, "two enquire_link from the client");
        assertTrue(smpp.bound());
    }

    @Test
    void aDestinationTheSmscRefusesFailsForGood() {
        String contactId = contactWith("+447700500000");
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            var command = send(contactId, "Hi");
            assertEquals("number_invalid", status(deliveries.await(r -> is(r, command.messageId(), "failed"), WAIT)).reason());
        }
    }
}
