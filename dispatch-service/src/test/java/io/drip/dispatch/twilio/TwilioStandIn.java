package io.drip.dispatch.twilio;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for Twilio's Messages API on a free local port: takes messages like Twilio does
 * (201 with a sid), refuses {@code +...0000} numbers with error 21211, and answers 503 to
 * everything while {@link #failUntil} lies ahead. Records every request it took, and lists them
 * per number as Twilio's message list does.
 */
public class TwilioStandIn implements QuarkusTestResourceLifecycleManager {

    /** A message the stand-in took; {@code mediaUrls}: its MediaUrl parameters, in order (an MMS). */
    public record Taken(String sid, String to, String from, String body, String statusCallback, String authorization,
            Instant at, List<String> mediaUrls) {
    }

    public static final List<Taken> TAKEN = new CopyOnWriteArrayList<>();
    public static volatile Instant failUntil = Instant.MIN;
    public static volatile int failures;
    /**
     * Answer as Twilio does for a message sent through a Messaging Service: {@code num_segments}
     * "0" (Twilio counts later) and no price yet.
     */
    public static volatile boolean countsLater;
    /** How long the stand-in takes to answer a message it takes (a slow provider). */
    public static volatile long delayMillis;
    /** How long the stand-in takes to answer a read of its message list. */
    public static volatile long listDelayMillis;
    /** Reads of the message list so far. */
    public static final AtomicInteger LIST_READS = new AtomicInteger();
    public static final AtomicInteger IN_FLIGHT = new AtomicInteger();
    public static final AtomicInteger MAX_IN_FLIGHT = new AtomicInteger();

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.post("/2010-04-01/Accounts/:sid/Messages.json").handler(BodyHandler.create()).handler(ctx -> {
            var form = ctx.request().formAttributes();
            if (Instant.now().isBefore(failUntil)) {
                failures++;
                ctx.response().setStatusCode(503).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("code", 20503).put("message", "Service unavailable").encode());
                return;
            }
            if (form.get("To").endsWith("0000")) {
                ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("code", 21211).put("message", "The 'To' number is not a valid phone number.")
                                .put("status", 400).encode());
                return;
            }
            String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
            TAKEN.add(new Taken(sid, form.get("To"), form.get("From"), form.get("Body"), form.get("StatusCallback"),
                    ctx.request().getHeader("Authorization"), Instant.now(), form.getAll("MediaUrl")));
            MAX_IN_FLIGHT.accumulateAndGet(IN_FLIGHT.incrementAndGet(), Math::max);
            JsonObject taken = form.contains("MediaUrl")
                    // as Twilio answers an MMS: one segment, its media counted, no price yet
                    ? new JsonObject().put("sid", sid).put("status", "queued").put("num_segments", "1")
                            .put("num_media", String.valueOf(form.getAll("MediaUrl").size())).putNull("price")
                            .put("price_unit", "USD")
                    : countsLater
                    ? new JsonObject().put("sid", sid).put("status", "accepted").put("num_segments", "0")
                            .putNull("price").put("price_unit", "USD")
                    : new JsonObject().put("sid", sid).put("status", "queued").put("num_segments", "1")
                            .put("price", "-0.00750").put("price_unit", "USD");
            Runnable answer = () -> {
                IN_FLIGHT.decrementAndGet();
                ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                        .end(taken.put("account_sid", ctx.pathParam("sid")).encode());
            };
            if (delayMillis > 0) {
                vertx.setTimer(delayMillis, id -> answer.run());
            } else {
                answer.run();
            }
        });
        // Twilio's message list, newest first, as a recovery reads it
        router.get("/2010-04-01/Accounts/:sid/Messages.json").handler(ctx -> {
            String to = ctx.request().getParam("To");
            int pageSize = Integer.parseInt(ctx.request().getParam("PageSize", "50"));
            JsonArray messages = new JsonArray();
            TAKEN.stream().filter(t -> t.to().equals(to)).sorted(Comparator.comparing(Taken::at).reversed())
                    .limit(pageSize).forEach(t -> messages.add(new JsonObject().put("sid", t.sid()).put("to", t.to())
                            .put("from", t.from()).put("body", t.body()).put("date_created",
                                    DateTimeFormatter.RFC_1123_DATE_TIME.format(t.at().atOffset(ZoneOffset.UTC)))));
            LIST_READS.incrementAndGet();
            Runnable answer = () -> ctx.response().putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("messages", messages).put("page_size", pageSize).encode());
            if (listDelayMillis > 0) {
                vertx.setTimer(listDelayMillis, id -> answer.run());
            } else {
                answer.run();
            }
        });
        HttpServer server;
        try {
            server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage()
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the Twilio stand-in", e);
        }
        return Map.of("drip.twilio.base-url", "http://127.0.0.1:" + server.actualPort());
    }

    public static List<Taken> takenFor(String to) {
        return TAKEN.stream().filter(t -> t.to().equals(to)).toList();
    }

    @Override
    public void stop() {
        vertx.close();
    }
}
