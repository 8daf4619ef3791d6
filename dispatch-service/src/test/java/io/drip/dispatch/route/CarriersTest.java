package io.drip.dispatch.route;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drip.dispatch.provider.Price;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which providers may carry an SMS or an MMS, and what a message costs when its provider does not say. */
class CarriersTest {
    private static final Route MIXED = new Route("mixed", List.of("+1"), List.of(), List.of("smpp", "twilio", "sandbox"),
            10, new Price(new BigDecimal("0.04"), "USD"), new Price(new BigDecimal("0.02"), "USD"));
    private static final Route SMPP_ONLY = new Route("cn", List.of("+86"), List.of(), List.of("smpp"), 10, null, null);
    private final Carriers carriers = new Carriers(Set.of("twilio", "sandbox", "http")::contains, "transactional"::equals);

    @Test
    void anSmsMayGoThroughEveryProviderOfItsRouteInFailoverOrder() {
        assertEquals(List.of("smpp", "twilio", "sandbox"), carriers.of(MIXED, "marketing", false));
        assertEquals(List.of("smpp"), carriers.of(SMPP_ONLY, "transactional", false));
    }

    @Test
    void anMmsGoesOnlyThroughTheProvidersThatSendMms() {
        assertEquals(List.of("twilio", "sandbox"), carriers.of(MIXED, "marketing", true));
        assertEquals(List.of(), carriers.of(SMPP_ONLY, "marketing", true));
    }

    @Test
    void anMmsOfACategoryDeclaredSmsOnlyGoesNowhere() {
        assertEquals(List.of(), carriers.of(MIXED, "transactional", true));
    }

    @Test
    void anMmsCostsTheRoutesMmsPriceWhateverItsLengthAndAnSmsItsSegments() {
        assertEquals(new Price(new BigDecimal("0.02"), "USD"), MIXED.cost(8, true));
        assertEquals(0, new BigDecimal("0.12").compareTo(MIXED.cost(3, false).amount()));
        assertEquals(null, SMPP_ONLY.cost(1, true), "no MMS price configured: no cost");
        assertEquals(null, new Route("x", List.of(), List.of(), List.of("twilio"), 1, null,
                new Price(BigDecimal.ONE, "EUR")).cost(2, false), "an MMS price does not price an SMS");
    }
}
