package io.drip.demo.shop;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Makes the store's shoppers from a seed: the same seed and rates give the same shoppers. */
public final class Shoppers {
    private Shoppers() {
    }

    /** {@code count} shoppers with ids {@code <idPrefix>-<n>}. */
    public static List<Shopper> make(int count, long seed, Rates rates, String idPrefix) {
        Random random = new Random(seed);
        MobileNumbers numbers = new MobileNumbers();
        int totalWeight = Country.ALL.stream().mapToInt(Country::weight).sum();
        List<Shopper> shoppers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Country country = pick(random.nextInt(totalWeight));
            String zone = country.zones().get(random.nextInt(country.zones().size()));
            String name = country.firstNames().get(random.nextInt(country.firstNames().size()));
            boolean viaKafka = random.nextDouble() < rates.kafka();
            int pageViews = 1 + random.nextInt(4);
            // carts of 5 to 200: some below the abandoned-checkout journey's threshold of 20
            double cart = random.nextDouble() < rates.checkout() ? Math.round(500 + random.nextDouble() * 19_500) / 100.0 : 0;
            boolean orders = cart > 0 && random.nextDouble() < rates.order();
            shoppers.add(new Shopper(i, idPrefix + "-" + i, name, numbers.next(country.region(), random), country.region(),
                    zone, viaKafka, pageViews, cart, orders));
        }
        return shoppers;
    }

    private static Country pick(int ticket) {
        for (Country country : Country.ALL) {
            ticket -= country.weight();
            if (ticket < 0) {
                return country;
            }
        }
        throw new IllegalStateException("weights changed while picking");
    }
}
