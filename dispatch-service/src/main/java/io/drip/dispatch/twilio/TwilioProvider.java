package io.drip.dispatch.twilio;

import io.drip.dispatch.provider.Accepted;
import io.drip.dispatch.provider.HttpCalls;
import io.drip.dispatch.provider.Price;
import io.drip.dispatch.provider.ProviderException;
import io.drip.dispatch.provider.SmsProvider;
import io.drip.dispatch.provider.Submission;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Twilio's Messages API: a form-encoded POST to
 * {@code <base-url>/2010-04-01/Accounts/<sid>/Messages.json} with HTTP Basic auth (account SID
 * and auth token), from a number or a Messaging Service ({@code MG...}), asking for status
 * callbacks to {@link TwilioWebhooks}. Twilio has no idempotency key, so an attempt whose
 * outcome is unknown is not submitted again.
 */
@ApplicationScoped
public class TwilioProvider implements SmsProvider {
    public static final String NAME = "twilio";
    static final String STATUS_PATH = "/v1/providers/twilio/status";

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "drip.twilio.account-sid")
    Optional<String> accountSid;

    @ConfigProperty(name = "drip.twilio.auth-token")
    Optional<String> authToken;

    @ConfigProperty(name = "drip.twilio.from")
    Optional<String> from;

    @ConfigProperty(name = "drip.twilio.base-url")
    String baseUrl;

    @ConfigProperty(name = "drip.twilio.webhook-base-url")
    Optional<String> webhookBaseUrl;

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
        return accountSid.isPresent() && authToken.isPresent() && from.isPresent();
    }

    String authToken() {
        return authToken.orElseThrow();
    }

    /** The public URL of a webhook path, as Twilio calls (and signs) it. */
    Optional<String> webhookUrl(String path) {
        return webhookBaseUrl.map(base -> base.replaceAll("/+$", "") + path);
    }

    @Override
    public Uni<Accepted> submit(Submission submission) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("To", submission.to())
                .add("Body", submission.text())
                .add(from.orElseThrow().startsWith("MG") ? "MessagingServiceSid" : "From", from.orElseThrow());
        webhookUrl(STATUS_PATH).ifPresent(url -> form.add("StatusCallback", url));
        String url = baseUrl.replaceAll("/+$", "") + "/2010-04-01/Accounts/" + accountSid.orElseThrow() + "/Messages.json";
        return client.postAbs(url)
                .basicAuthentication(accountSid.orElseThrow(), authToken.orElseThrow())
                .timeout(timeout.toMillis())
                .sendForm(form)
                .onFailure().transform(HttpCalls::failure)
                .map(TwilioProvider::accepted);
    }

    /**
     * Twilio's price ({@code price}, a negative decimal string such as "-0.00750", in
     * {@code price_unit}) when its answer has one already; it often fills it in only later.
     */
    private static Price price(JsonObject body) {
        Object price = body.getValue("price");
        String unit = body.getString("price_unit");
        return price == null || unit == null ? null : new Price(new BigDecimal(price.toString()).abs(), unit);
    }

    private static Accepted accepted(HttpResponse<Buffer> response) {
        JsonObject body = HttpCalls.json(response);
        if (response.statusCode() / 100 == 2 && body.getString("sid") != null) {
            Object segments = body.getValue("num_segments"); // a string in Twilio's answers
            return new Accepted(body.getString("sid"), segments == null ? null : Integer.valueOf(segments.toString()),
                    price(body));
        }
        throw TwilioErrors.ofResponse(response.statusCode(), body.getInteger("code"), body.getString("message"));
    }
}
