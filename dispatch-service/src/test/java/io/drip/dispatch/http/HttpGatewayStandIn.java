package io.drip.dispatch.http;

import io.drip.kit.signing.HmacSignature;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A regional gateway speaking the generic HTTP provider's protocol: checks Drip's signature
 * (401 when wrong), takes a message once per Idempotency-Key, refuses {@code ...0000} numbers
 * with reason number_invalid.
 */
public class HttpGatewayStandIn implements QuarkusTestResourceLifecycleManager {
    static final String SECRET = "test-http-secret";

    /** A request the gateway took. */
    public record Taken(String id, String idempotencyKey, JsonObject body) {
    }

    public static final List<Taken> TAKEN = new CopyOnWriteArrayList<>();
    private static final Map<String, String> IDS_BY_KEY = new ConcurrentHashMap<>();

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.post("/sms").handler(BodyHandler.create()).handler(ctx -> {
            String body = ctx.body().asString();
            if (!HmacSignature.valid(SECRET, ctx.request().getHeader(HmacSignature.TIMESTAMP_HEADER), body,
                    ctx.request().getHeader(HmacSignature.SIGNATURE_HEADER), Instant.now())) {
                ctx.response().setStatusCode(401).end();
                return;
            }
            JsonObject json = new JsonObject(body);
            if (json.getString("to").endsWith("0000")) {
                ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("reason", "number_invalid").encode());
                return;
            }
            String key = ctx.request().getHeader("Idempotency-Key");
            String id = IDS_BY_KEY.computeIfAbsent(key, k -> {
                String newId = idFor(k);
                TAKEN.add(new Taken(newId, k, json));
                return newId;
            });
            ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("id", id).put("segments", 1).encode());
        });
        HttpServer server;
        try {
            server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage()
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTP gateway stand-in", e);
        }
        return Map.of("drip.http.url", "http://127.0.0.1:" + server.actualPort() + "/sms");
    }

    /** The gateway's id for a message: predictable, so a test can send its receipt first. */
    public static String idFor(String messageId) {
        return "GW-" + messageId;
    }

    @Override
    public void stop() {
        vertx.close();
    }
}
