package io.drip.journey.run;

import io.drip.journey.engine.WebhookRequest;
import io.drip.journey.engine.WebhookResult;
import io.drip.journey.webhook.WebhookConfig;
import io.drip.kit.signing.HmacSignature;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

/**
 * Makes one attempt of a webhook call: only to an allowed host, signed with the configured secret
 * ({@link HmacSignature}, as the generic HTTP provider signs), with {@code Idempotency-Key}, within
 * its timeout, redirects not followed, the answer read up to its size limit. It never fails: what
 * went wrong is the {@link WebhookResult}.
 */
@ApplicationScoped
public class WebhookClient {
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    @Inject
    Vertx vertx;

    @Inject
    WebhookConfig config;

    private HttpClient client;

    @PostConstruct
    void start() {
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(config.maxConcurrency()));
    }

    public Uni<WebhookResult> call(WebhookRequest request) {
        String host;
        try {
            host = new URI(request.url()).getHost();
        } catch (URISyntaxException e) {
            return Uni.createFrom().item(WebhookResult.refused("not a URL: " + e.getMessage()));
        }
        if (host == null || !config.allows(host)) {
            return Uni.createFrom().item(WebhookResult.refused("host " + host + " is not an allowed webhook host"));
        }
        if (config.secret().isEmpty()) {
            return Uni.createFrom().item(WebhookResult.refused("no webhook secret is configured "
                    + "(DRIP_JOURNEYS_WEBHOOKS_SECRET): calls are never made unsigned"));
        }
        Duration timeout = request.timeout() == null ? config.timeout() : request.timeout();
        String body = request.body() == null ? "" : request.body();
        long timestamp = Instant.now().getEpochSecond();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(request.method()))
                .setAbsoluteURI(request.url()).setFollowRedirects(false)
                .setConnectTimeout(timeout.toMillis()).setIdleTimeout(timeout.toMillis());
        request.headers().forEach(options::putHeader);
        if (request.body() != null && request.headers().keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
            options.putHeader("Content-Type", "application/json");
        }
        options.putHeader(IDEMPOTENCY_KEY, request.idempotencyKey())
                .putHeader(HmacSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .putHeader(HmacSignature.SIGNATURE_HEADER, HmacSignature.sign(config.secret().get(), timestamp, body))
                .putHeader("User-Agent", "Drip-Webhooks/1");
        return client.request(options)
                .chain(call -> request.body() == null ? call.send() : call.send(body))
                .chain(response -> answer(response).map(text -> WebhookResult.ofStatus(response.statusCode(), text)))
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException("no answer within " + timeout.toMillis() + " ms"))
                .onFailure(AnswerTooLarge.class).recoverWithItem(failure -> WebhookResult.refused(failure.getMessage()))
                .onFailure().recoverWithItem(failure -> WebhookResult.unanswered(failure instanceof TimeoutException
                        ? failure.getMessage() : failure.getClass().getSimpleName() + ": " + failure.getMessage()));
    }

    /** The answer's text, read chunk by chunk up to the limit. */
    private Uni<String> answer(HttpClientResponse response) {
        int limit = config.maxAnswerBytes();
        return response.toMulti().collect().in(Buffer::buffer, (all, chunk) -> {
            if (all.length() + chunk.length() > limit) {
                throw new AnswerTooLarge("the answer is larger than " + limit + " bytes (DRIP_JOURNEYS_WEBHOOKS_MAX_ANSWER_BYTES)");
            }
            all.appendBuffer(chunk);
        }).map(all -> all.toString(StandardCharsets.UTF_8.name()));
    }

    private static final class AnswerTooLarge extends RuntimeException {
        AnswerTooLarge(String message) {
            super(message);
        }
    }
}
