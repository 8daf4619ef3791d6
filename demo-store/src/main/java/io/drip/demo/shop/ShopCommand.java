package io.drip.demo.shop;

import io.drip.demo.Endpoints;
import io.drip.demo.Http;
import io.drip.demo.Tally;
import io.drip.demo.phone.Phones;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code demo-store shop}: plays the store and its shoppers' phones for a while, then says what they did. */
@Command(name = "shop", mixinStandardHelpOptions = true,
        description = "Plays N shoppers: they sign up, browse, check out or abandon, get SMS, tap links, reply STOP; "
                + "a third into the run the marketer starts the VIP round now.")
public final class ShopCommand implements Callable<Integer> {
    private static final int THREADS = 16;

    @Mixin
    Endpoints endpoints;

    @Spec
    CommandSpec spec;

    @Option(names = "--write-key", defaultValue = "${env:DRIP_DEMO_WRITE_KEY}",
            description = "the store's Segment write key (default: $DRIP_DEMO_WRITE_KEY)")
    String writeKey;

    @Option(names = "--kafka", defaultValue = "127.0.0.1:9092", description = "Kafka bootstrap servers (${DEFAULT-VALUE})")
    String kafka;

    @Option(names = "--shoppers", defaultValue = "2000", description = "how many shoppers (${DEFAULT-VALUE})")
    int shoppers;

    @Option(names = "--seed", defaultValue = "42", description = "the same seed gives the same shoppers and behaviour (${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--run", description = "prefix of the shoppers' ids (default: run-<seconds since 1970>), new contacts each run")
    String run;

    @Option(names = "--signups-per-second", defaultValue = "50", description = "${DEFAULT-VALUE}")
    double signupsPerSecond;

    @Option(names = "--duration", defaultValue = "PT4M", description = "how long the phones keep reacting, ISO-8601 (${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--via-kafka", defaultValue = "0.5", description = "share of shoppers whose backend uses Kafka (${DEFAULT-VALUE})")
    double viaKafka;

    @Option(names = "--checkout-rate", defaultValue = "0.6", description = "${DEFAULT-VALUE}")
    double checkout;

    @Option(names = "--order-rate", defaultValue = "0.35", description = "share of checkouts completed at once (${DEFAULT-VALUE})")
    double order;

    @Option(names = "--preview-rate", defaultValue = "0.3", description = "share of SMS whose link a preview bot fetches (${DEFAULT-VALUE})")
    double preview;

    @Option(names = "--click-rate", defaultValue = "0.25", description = "share of SMS whose link the shopper taps (${DEFAULT-VALUE})")
    double click;

    @Option(names = "--order-after-click-rate", defaultValue = "0.3", description = "${DEFAULT-VALUE}")
    double orderAfterClick;

    @Option(names = "--round-now", defaultValue = "vip-rounds",
            description = "an audience journey whose round the marketer starts a third into the run (${DEFAULT-VALUE}; empty: none)")
    String roundNow;

    @Option(names = "--opt-out-rate", defaultValue = "0.04", description = "share of SMS answered STOP or TD (${DEFAULT-VALUE})")
    double optOut;

    @Override
    public Integer call() throws Exception {
        Endpoints.required(endpoints.adminKey, "--admin-key", spec);
        Endpoints.required(writeKey, "--write-key", spec);
        Rates rates = new Rates(viaKafka, checkout, order, preview, click, orderAfterClick, optOut);
        String prefix = run != null ? run : "run-" + Instant.now().getEpochSecond();
        List<Shopper> people = Shoppers.make(shoppers, seed, rates, prefix);
        Map<String, Long> byCountry = people.stream().collect(Collectors.groupingBy(Shopper::region, TreeMap::new,
                Collectors.counting()));
        System.err.printf("[demo-store] %d shoppers (ids %s-0..), seed %d, by country %s; phones react for %s%n",
                people.size(), prefix, seed, byCountry, duration);
        Tally tally = new Tally();
        Http http = new Http();
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(THREADS);
        Instant start = Instant.now();
        Instant end = start.plus(duration);
        RoundNow round = new RoundNow(http, endpoints.journey, endpoints.adminKey, roundNow, start.plus(duration.dividedBy(3)),
                tally);
        try (ShopBackend backend = new ShopBackend(http, endpoints.contact, writeKey, kafka, tally)) {
            Store store = new Store(backend, clock, tally, seed);
            Phones phones = new Phones(http, endpoints.dispatch, endpoints.adminKey, endpoints.tracking, people, rates, seed,
                    clock, store, tally);
            store.open(people, signupsPerSecond);
            while (Instant.now().isBefore(end)) {
                round.startIfDue(Instant.now());
                phones.look();
                Thread.sleep(1000);
            }
            clock.shutdown(); // what is scheduled still runs: taps and orders already decided
            if (!clock.awaitTermination(1, TimeUnit.MINUTES)) {
                clock.shutdownNow();
            }
            tally.add("events over HTTP", backend.sentOverHttp());
            tally.add("events over Kafka", backend.sentOverKafka());
        }
        System.err.println("[demo-store] what the shoppers did: " + tally.snapshot());
        return tally.get("errors") == 0 ? 0 : 1;
    }
}
