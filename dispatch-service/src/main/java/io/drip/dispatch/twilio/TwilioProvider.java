package io.drip.dispatch.twilio;

import io.drip.dispatch.provider.Accepted;
import io.drip.dispatch.provider.HttpCalls;
import io.drip.dispatch.provider.Price;
import io.drip.dispatch.provider.Recovery;
import io.drip.dispatch.provider.SmsProvider;
import io.drip.dispatch.provider.Submission;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
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
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Twilio's Messages API: a form-encoded POST to
 * {@code <base-url>/2010-04-01/Accounts/<sid>/Messages.json} with HTTP Basic auth (account SID
 * and auth token), from a number or a Messaging Service ({@code MG...}), asking for status
 * callbacks to {@link TwilioWebhooks}; an MMS carries one {@code MediaUrl} per image. Twilio has no idempotency key: an attempt whose outcome
 * is unknown is looked for in Twilio's list of the number's messages, and never submitted again.
 */
@ApplicationScoped
public class TwilioProvider implements SmsProvider {
    public static final String NAME = "twilio";
    static final String STATUS_PATH = "/v1/providers/twilio/status";
    /** Messages to one number a recovery looks through: Drip sends a number a few a day at most. */
    private static final int RECOVERY_PAGE = 50;
    /** Twilio's clock against ours, when comparing its date_created with the message's creation. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

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
    public boolean sendsMms() {
        return true;
    }

    @Override
    public Uni<Accepted> submit(Submission submission) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("To", submission.to())
                .add("Body", submission.text())
                .add(from.orElseThrow().startsWith("MG") ? "MessagingServiceSid" : "From", from.orElseThrow());
        submission.media().forEach(url -> form.add("MediaUrl", url));
        webhookUrl(STATUS_PATH).ifPresent(url -> form.add("StatusCallback", url));
        return client.postAbs(messagesUrl())
                .basicAuthentication(accountSid.orElseThrow(), authToken.orElseThrow())
                .timeout(timeout.toMillis())
                .sendForm(form)
                .onFailure().transform(HttpCalls::failure)
                .map(TwilioProvider::accepted);
    }

    /**
     * Twilio's newest messages to the number (one page, newest first): one with the same text,
     * created since Drip created the message, is it; none, or more than one, and nobody can tell.
     */
    @Override
    public Uni<Recovery> recover(Submission submission, Instant notBefore) {
        return client.getAbs(messagesUrl())
                .addQueryParam("To", submission.to())
                .addQueryParam("PageSize", String.valueOf(RECOVERY_PAGE))
                .basicAuthentication(accountSid.orElseThrow(), authToken.orElseThrow())
                .timeout(timeout.toMillis())
                .send()
                .map(response -> response.statusCode() == 200
                        ? sameMessage(HttpCalls.json(response), submission.text(), notBefore.minus(CLOCK_SKEW))
                        : Recovery.unknown())
                .onFailure().recoverWithItem(Recovery.unknown());
    }

    private static Recovery sameMessage(JsonObject page, String text, Instant notBefore) {
        JsonArray messages = page.getJsonArray("messages", new JsonArray());
        List<String> sids = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonObject message = messages.getJsonObject(i);
            String created = message.getString("date_created");
            if (text.equals(message.getString("body")) && created != null
                    && !ZonedDateTime.parse(created, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().isBefore(notBefore)) {
                sids.add(message.getString("sid"));
            }
        }
        return sids.size() == 1 ? Recovery.accepted(sids.get(0)) : Recovery.unknown();
    }

    private String messagesUrl() {
        return baseUrl.replaceAll("/+$", "") + "/2010-04-01/Accounts/" + accountSid.orElseThrow() + "/Messages.json";
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
