package io.drip.demo.shop;

import com.fasterxml.jackson.databind.JsonNode;
import io.drip.demo.Http;
import io.drip.demo.Tally;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The shop's marketer, once: when the time comes, starts a round of an audience journey now
 * (journey-service {@code POST /v1/journeys/{id}/audience/rounds}) instead of waiting for its
 * schedule, so the demo shows deploy/journeys/vip-rounds.yaml to the shoppers who have ordered by then.
 */
public final class RoundNow {
    private final Http http;
    private final String journeyUrl;
    private final String apiKey;
    private final String journeyId;
    private final Instant at;
    private final Tally tally;
    private boolean done;

    public RoundNow(Http http, String journeyUrl, String apiKey, String journeyId, Instant at, Tally tally) {
        this.http = http;
        this.journeyUrl = journeyUrl;
        this.apiKey = apiKey;
        this.journeyId = journeyId;
        this.at = at;
        this.tally = tally;
    }

    /** Starts the round if its time has come and it has not been started yet. */
    public void startIfDue(Instant now) {
        if (done || journeyId.isBlank() || now.isBefore(at)) {
            return;
        }
        done = true;
        try {
            JsonNode round = http.postJson(journeyUrl + "/v1/journeys/" + URLEncoder.encode(journeyId, StandardCharsets.UTF_8)
                    + "/audience/rounds", apiKey, "");
            System.err.printf("[demo-store] the marketer starts round %s of %s now%n", round.path("round").asText(), journeyId);
            tally.add("audience rounds started");
        } catch (RuntimeException e) {
            tally.error("starting a round of " + journeyId, e);
        }
    }
}
