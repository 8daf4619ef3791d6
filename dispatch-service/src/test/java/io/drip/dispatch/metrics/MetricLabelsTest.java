package io.drip.dispatch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MetricLabelsTest {

    @Test
    void dripsOwnReasonsAreKept() {
        assertEquals("quiet_hours", MetricLabels.reason("quiet_hours"));
        assertEquals("number_invalid", MetricLabels.reason("number_invalid"));
        assertEquals("carrier_filtered", MetricLabels.reason("carrier_filtered"));
        assertEquals("provider_throttled", MetricLabels.reason("provider_throttled"));
        assertEquals("none", MetricLabels.reason(null));
        assertEquals("held_out", MetricLabels.reason("held_out"));
    }

    @Test
    void aCapPerTagIsOneLabelWhateverTheTag() {
        assertEquals("cap_tag", MetricLabels.reason("cap_tag:abandoned_cart"));
        assertEquals("cap_tag", MetricLabels.reason("cap_tag:promo"));
    }

    @Test
    void aProvidersFreeTextIsOther() {
        assertEquals("other", MetricLabels.reason("Quota exceeded for account 7731, try again at 14:02"));
        assertEquals("other", MetricLabels.reason("insufficient_funds"));
        assertEquals("other", MetricLabels.reason(""));
    }

    @Test
    void anSmppReceiptKeepsItsStateNotTheSmscsErrorNumber() {
        assertEquals("smpp_undeliv", MetricLabels.reason("smpp_undeliv_0x00000401"));
        assertEquals("smpp_rejectd", MetricLabels.reason("smpp_rejectd_57"));
        assertEquals("smpp_expired", MetricLabels.reason("smpp_expired"));
        assertEquals("other", MetricLabels.reason("smpp_whatever_1"));
        assertEquals("other", MetricLabels.reason("smpp_"));
    }

    @Test
    void statusesAndProvidersAreTheKnownOnes() {
        assertEquals("delivered", MetricLabels.status("delivered"));
        assertEquals("other", MetricLabels.status("DELIVRD"));
        assertEquals("other", MetricLabels.status(null));
        assertEquals("twilio", MetricLabels.provider("twilio"));
        assertEquals("none", MetricLabels.provider(null));
        assertEquals("other", MetricLabels.provider("acme-gateway-eu-3"));
    }
}
