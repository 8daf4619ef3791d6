package io.drip.demo.shop;

/**
 * One synthetic shopper: who they are, which interface their shop backend uses, and what they will
 * do in the store (drawn from the seed, so the same seed gives the same shoppers).
 *
 * @param viaKafka   their events go to drip.events.v1; else over the Segment HTTP API
 * @param pageViews  products viewed after signing up
 * @param cartValue  the checkout they start (0: none)
 * @param orders     whether they complete that checkout at once (else they abandon it)
 */
public record Shopper(int index, String id, String firstName, String phone, String region, String timezone,
        boolean viaKafka, int pageViews, double cartValue, boolean orders) {

    public boolean startsCheckout() {
        return cartValue > 0;
    }
}
