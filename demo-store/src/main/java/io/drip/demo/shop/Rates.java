package io.drip.demo.shop;

/**
 * How shoppers behave, as probabilities (0..1). Store side: {@code checkout} of shoppers start a
 * checkout, {@code order} of those complete it at once. Phone side, per SMS received: a link
 * preview bot fetches its link ({@code preview}), the shopper taps it ({@code click}), orders after
 * tapping ({@code orderAfterClick}), or replies STOP or TD ({@code optOut}).
 */
public record Rates(double kafka, double checkout, double order, double preview, double click, double orderAfterClick,
        double optOut) {

    public Rates {
        double[] all = {kafka, checkout, order, preview, click, orderAfterClick, optOut};
        for (double rate : all) {
            if (rate < 0 || rate > 1) {
                throw new IllegalArgumentException("rates are probabilities between 0 and 1, got " + rate);
            }
        }
    }
}
