package io.drip.demo.phone;

import com.fasterxml.jackson.databind.JsonNode;
import io.drip.demo.Http;
import io.drip.demo.Tally;
import io.drip.demo.shop.Rates;
import io.drip.demo.shop.Shopper;
import io.drip.demo.shop.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The shoppers' phones: they watch the sandbox inbox (dispatch's {@code GET /v1/sandbox/messages})
 * and react to each SMS delivered to them. A link preview fetcher may fetch its link first (a
 * messaging app's bot: HEAD, or GET with the bot's agent); the shopper may reply STOP or TD
 * ({@code POST /v1/sandbox/inbound}), answer the size survey's question (some asking for HELP
 * first), or tap the link some seconds after reading it, with a mobile browser, and may then order. Each reaction is drawn from the seed, the shopper and how
 * many SMS they had, so the same seed gives the same behaviour.
 */
public final class Phones {
    static final List<String> MOBILE_BROWSERS = List.of(
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36");
    static final List<String> PREVIEW_BOTS = List.of(
            "WhatsApp/2.24.10.79 A",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0",
            "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)");
    private static final int INBOX_PAGE = 500;
    /** The question of deploy/journeys/size-survey.yaml, and what shoppers answer it. */
    static final String SURVEY_QUESTION = "Reply 1 for dresses, 2 for shoes";
    private static final double SURVEY_ANSWER_RATE = 0.6;
    private static final List<String> SURVEY_ANSWERS = List.of("1", "2", "Dresses please", "shoes!", "2.", "both?");

    private final Http http;
    private final String dispatchUrl;
    private final String apiKey;
    private final Pattern shortLink;
    private final Map<String, Shopper> byPhone;
    private final Rates rates;
    private final long seed;
    private final ScheduledExecutorService clock;
    private final Store store;
    private final Tally tally;
    private final Set<String> seen = new HashSet<>();
    private final Map<String, Integer> received = new ConcurrentHashMap<>();
    private final Set<String> optedOut = ConcurrentHashMap.newKeySet();

    public Phones(Http http, String dispatchUrl, String apiKey, String trackingUrl, List<Shopper> shoppers, Rates rates,
            long seed, ScheduledExecutorService clock, Store store, Tally tally) {
        this.http = http;
        this.dispatchUrl = dispatchUrl;
        this.apiKey = apiKey;
        this.shortLink = Pattern.compile(Pattern.quote(trackingUrl) + "/[0-9A-Za-z]+");
        this.byPhone = shoppers.stream().collect(Collectors.toMap(Shopper::phone, Function.identity()));
        this.rates = rates;
        this.seed = seed;
        this.clock = clock;
        this.store = store;
        this.tally = tally;
    }

    /** Looks at the newest messages of the inbox once and reacts to those delivered since the last look. */
    public void look() {
        JsonNode inbox;
        try {
            inbox = http.getJson(dispatchUrl + "/v1/sandbox/messages?limit=" + INBOX_PAGE, apiKey);
        } catch (RuntimeException e) {
            tally.error("reading the sandbox inbox", e);
            return;
        }
        for (JsonNode sms : inbox) {
            Shopper shopper = byPhone.get(sms.path("to").asText());
            if (shopper == null || !"delivered".equals(sms.path("status").asText()) || !seen.add(sms.path("id").asText())) {
                continue;
            }
            Instant deliveredAt = sms.hasNonNull("receiptAt") ? Instant.parse(sms.get("receiptAt").asText()) : Instant.now();
            react(shopper, sms.path("text").asText(), deliveredAt);
        }
    }

    private void react(Shopper shopper, String text, Instant deliveredAt) {
        tally.add("sms received");
        int nth = received.merge(shopper.id(), 1, Integer::sum);
        Random random = new Random(seed * 1_000_003L + shopper.index() * 101L + nth);
        Matcher link = shortLink.matcher(text);
        String url = link.find() ? link.group() : null;
        if (url != null && random.nextDouble() < rates.preview()) {
            String bot = PREVIEW_BOTS.get(random.nextInt(PREVIEW_BOTS.size()));
            String method = random.nextBoolean() ? "HEAD" : "GET";
            later(deliveredAt, Duration.ofMillis(200 + random.nextInt(800)), "link preview", () -> {
                http.open(url, method, bot);
                tally.add("link previews (bots)");
            });
        }
        if (optedOut.contains(shopper.id())) {
            return;
        }
        if (random.nextDouble() < rates.optOut()) {
            String keyword = random.nextInt(4) == 0 ? "TD" : "STOP";
            optedOut.add(shopper.id());
            later(deliveredAt, Duration.ofSeconds(2 + random.nextInt(5)), "reply " + keyword, () -> {
                http.postJson(dispatchUrl + "/v1/sandbox/inbound", apiKey,
                        Map.of("from", shopper.phone(), "text", keyword));
                tally.add("replies " + keyword);
            });
            return;
        }
        if (text.contains(SURVEY_QUESTION)) {
            answer(shopper, random, deliveredAt);
            return;
        }
        if (url != null && random.nextDouble() < rates.click()) {
            String browser = MOBILE_BROWSERS.get(random.nextInt(MOBILE_BROWSERS.size()));
            boolean orders = random.nextDouble() < Math.min(1, rates.orderAfterClick() * appeal(text));
            double revenue = Math.round(1500 + random.nextDouble() * 15_000) / 100.0;
            // people read before they tap: tracking-service takes taps within 3 s of delivery for bots
            later(deliveredAt, Duration.ofMillis(4000 + random.nextInt(5000)), "tap a link", () -> {
                http.open(url, "GET", browser);
                tally.add("link taps (people)");
                store.productViewed(shopper, "p-from-sms");
            });
            if (orders) {
                later(deliveredAt, Duration.ofMillis(10_000 + random.nextInt(5000)), "order after a tap",
                        () -> store.order(shopper, shopper.id() + "-sms-" + nth, revenue));
            }
        }
    }

    /** Most shoppers answer the size survey, in the ways people do; some ask for help first, some never answer. */
    private void answer(Shopper shopper, Random random, Instant deliveredAt) {
        if (random.nextDouble() >= SURVEY_ANSWER_RATE) {
            return;
        }
        List<String> texts = random.nextInt(10) == 0 ? List.of("HELP", SURVEY_ANSWERS.get(random.nextInt(SURVEY_ANSWERS.size())))
                : List.of(SURVEY_ANSWERS.get(random.nextInt(SURVEY_ANSWERS.size())));
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            later(deliveredAt, Duration.ofSeconds(3 + 4L * i + random.nextInt(3)), "reply to the survey", () -> {
                http.postJson(dispatchUrl + "/v1/sandbox/inbound", apiKey, Map.of("from", shopper.phone(), "text", text));
                tally.add("survey replies");
            });
        }
    }

    /** How much more an offer makes a shopper who tapped order: a discount more than free shipping. */
    private static double appeal(String text) {
        if (text.contains("CART10")) {
            return 2.0;
        }
        return text.contains("ships free") ? 1.2 : 1.0;
    }

    private void later(Instant from, Duration after, String what, Runnable action) {
        long delay = Math.max(0, Duration.between(Instant.now(), from.plus(after)).toMillis());
        clock.schedule(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                tally.error(what, e);
            }
        }, delay, TimeUnit.MILLISECONDS);
    }
}
