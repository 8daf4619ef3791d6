package io.drip.dispatch.http;

import io.drip.dispatch.provider.Accepted;
import io.drip.dispatch.provider.HttpCalls;
import io.drip.dispatch.provider.ProviderException;
import io.drip.dispatch.provider.Recovery;
import io.drip.dispatch.provider.SmsProvider;
import io.drip.dispatch.provider.Submission;
import io.drip.kit.signing.HmacSignature;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A generic JSON webhook provider for regional gateways: POSTs
 * {@code {"messageId", "to", "text", "callbackUrl"}} (and {@code "media"}, the image URLs of an
 * MMS) to {@code drip.http.url}, signed with
 * HMAC-SHA256 ({@link HmacSignature}), with {@code Idempotency-Key: <messageId>}. The gateway
 * answers 2xx {@code {"id", "segments"}}; 429 or 5xx are transient; 4xx
 * {@code {"reason": "..."}} is permanent. Receipts and inbound SMS come back signed the same
 * way ({@link HttpWebhooks}). When {@code drip.http.idempotent} (the gateway honours the
 * idempotency key), an attempt of unknown outcome is submitted again with the same key, to this
 * gateway only.
 */
@ApplicationScoped
public class HttpProvider implements SmsProvider {
    public static final String NAME = "http";
    /** Gateway reasons that condemn the number. */
    private static final Set<String> NUMBER_REASONS = Set.of("number_invalid", "number_not_mobile", "number_unknown",
            "number_blocked");

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "drip.http.url")
    Optional<String> url;

    @ConfigProperty(name = "drip.http.secret")
    Optional<String> secret;

    @ConfigProperty(name = "drip.http.idempotent")
    boolean idempotent;

    @ConfigProperty(name = "drip.http.callback-base-url")
    Optional<String> callbackBaseUrl;

    @ConfigProperty(name = "drip.dispatch.provider-timeout")
    Duration timeout;

    private WebClient client;

    @PostConstruct
    void init() {
        client = WebClient.create(vertx);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean configured() {
        return url.isPresent() && secret.isPresent();
    }

    String secret() {
        return secret.orElseThrow();
    }

    @Override
    public boolean sendsMms() {
        return true;
    }

    @Override
    public Uni<Accepted> submit(Submission submission) {
        JsonObject request = new JsonObject().put("messageId", submission.messageId()).put("to", submission.to())
                .put("text", submission.text());
        if (!submission.media().isEmpty()) {
            request.put("media", new JsonArray(submission.media()));
        }
        callbackBaseUrl.ifPresent(base -> request.put("callbackUrl", base.replaceAll("/+$", "") + HttpWebhooks.RECEIPTS_PATH));
        String body = request.encode();
        long timestamp = Instant.now().getEpochSecond();
        return client.postAbs(url.orElseThrow())
                .putHeader("Content-Type", "application/json")
                .putHeader("Idempotency-Key", submission.messageId())
                .putHeader(HmacSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .putHeader(HmacSignature.SIGNATURE_HEADER, HmacSignature.sign(secret.orElseThrow(), timestamp, body))
                .timeout(timeout.toMillis())
                .sendBuffer(Buffer.buffer(body))
                .onFailure().transform(HttpCalls::failure)
                .map(HttpProvider::accepted);
    }

    @Override
    public Uni<Recovery> recover(Submission submission, Instant notBefore) {
        return Uni.createFrom().item(idempotent ? Recovery.deduplicated() : Recovery.unknown());
    }

    private static Accepted accepted(HttpResponse<Buffer> response) {
        JsonObject body = HttpCalls.json(response);
        int status = response.statusCode();
        if (status / 100 == 2 && body.getString("id") != null) {
            return new Accepted(body.getString("id"), body.getInteger("segments"));
        }
        String detail = "HTTP " + status + " " + response.bodyAsString();
        if (status == 429 || status >= 500 || status == 401 || status == 403) {
            return failWith(ProviderException.transientFailure(status == 429 ? "provider_throttled" : "provider_unavailable",
                    detail, null));
        }
        String reason = body.getString("reason", "provider_rejected");
        return failWith(condemnsNumber(reason) ? ProviderException.undeliverableNumber(reason, detail)
                : ProviderException.permanent(reason, detail));
    }

    /** Whether a gateway's failure reason is the number's fault (it is then marked undeliverable). */
    static boolean condemnsNumber(String reason) {
        return NUMBER_REASONS.contains(reason);
    }

    private static Accepted failWith(ProviderException e) {
        throw e;
    }
}
