package io.drip.dispatch.provider;

import java.math.BigDecimal;
import java.util.Currency;

/** What a message cost: an amount in an ISO 4217 currency (e.g. 0.0075 USD). */
public record Price(BigDecimal amount, String currency) {

    public Price {
        Currency.getInstance(currency); // refuses what is not an ISO 4217 code
    }

    /** The price of {@code segments} segments at this price each. */
    public Price times(int segments) {
        return new Price(amount.multiply(BigDecimal.valueOf(segments)), currency);
    }
}
