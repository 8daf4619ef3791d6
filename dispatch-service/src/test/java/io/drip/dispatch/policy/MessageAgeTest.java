package io.drip.dispatch.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.dispatch.send.Outgoing;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A message's maximum age (2 days) does not count the waits Drip's own rules impose: France
 * allows no marketing on Sundays and public holidays, so a message made on the Saturday evening
 * before Easter Monday waits until Tuesday morning, and must still leave then.
 */
@QuarkusTest
class MessageAgeTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final SendWindow WINDOW = SendWindow.parse("09:00", "20:30");

    @Inject
    SendPolicy policy;

    private static ContactSnapshot frenchContact() {
        return new ContactSnapshot("c-age", 1, "+33612345678", "valid", "Europe/Paris", null,
                MessageJson.mapper().createObjectNode(), Map.of(), Instant.now());
    }

    private static Outgoing marketing(Instant created) {
        return new Outgoing("m-age", "c-age", SendCommand.MARKETING, "Offre de Pâques", WINDOW, created, created,
                created, null, false, List.of(), List.of());
    }

    private static PolicyFacts noFacts() {
        return new PolicyFacts(Map.of(), Map.of(), Map.of());
    }

    @Test
    void aMessageDeferredOverTheEasterWeekendLeavesOnTuesday() {
        // Easter Sunday 2027 is 28 March; Easter Monday, 29 March, is a public holiday in France
        Instant saturdayEvening = ZonedDateTime.of(LocalDate.of(2027, 3, 27), LocalTime.of(20, 45), PARIS).toInstant();
        Outgoing message = marketing(saturdayEvening);

        var first = policy.decide(message, frenchContact(), noFacts(), saturdayEvening);
        SendPolicy.Verdict.Defer defer = assertInstanceOf(SendPolicy.Verdict.Defer.class, first);
        ZonedDateTime opening = defer.until().atZone(PARIS);
        assertEquals(LocalDate.of(2027, 3, 30), opening.toLocalDate());
        assertTrue(Duration.between(saturdayEvening, defer.until()).compareTo(Duration.ofDays(2)) > 0,
                "the deferral alone is longer than the maximum age");

        // as stored after the deferral, the message leaves at the opening ...
        Outgoing deferred = message.heldBack(saturdayEvening, defer.until());
        assertInstanceOf(SendPolicy.Verdict.Send.class,
                policy.decide(deferred, frenchContact(), noFacts(), defer.until()));
        // ... where counting its age from its creation would have dropped it as expired
        assertEquals(new SendPolicy.Verdict.Stop("suppressed", SendPolicy.EXPIRED),
                policy.decide(message, frenchContact(), noFacts(), defer.until()));
    }

    @Test
    void aMessageOlderThanTheMaximumAgeWithoutAnyDeferralIsExpired() {
        Instant created = Instant.now().minus(Duration.ofDays(3));
        Outgoing message = new Outgoing("m-old", "c-age", SendCommand.TRANSACTIONAL, "Votre commande", null,
                created, created, created, null, false, List.of(), List.of());
        assertEquals(new SendPolicy.Verdict.Stop("suppressed", SendPolicy.EXPIRED),
                policy.decide(message, frenchContact(), noFacts(), Instant.now()));
    }
}
