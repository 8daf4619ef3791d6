package io.drip.contact.tracing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.drip.contracts.Topics;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A trace crosses contact-service and its Kafka hops: the trace id a backend sends (record header
 * or HTTP header) is the one of the records contact-service publishes through its outbox, though
 * the relay publishes them later, from another thread. With the default settings, which record
 * no spans: the context travels whether or not a trace is sampled.
 */
@QuarkusTest
class TraceAcrossKafkaTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static String newTraceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String traceparent(String traceId) {
        return "00-" + traceId + "-" + traceId.substring(0, 16) + "-01";
    }

    private static String traceIdOf(ConsumerRecord<String, String> record) {
        var header = record.headers().lastHeader("traceparent");
        assertNotNull(header, "the published record carries a traceparent");
        return new String(header.value(), StandardCharsets.UTF_8).split("-")[1];
    }

    private static String identify(String userId) {
        return """
                {"type": "identify", "messageId": "m-%s", "userId": "%s", "traits": {"first_name": "Ada"}}"""
                .formatted(userId, userId);
    }

    @Test
    void anEventConsumedFromKafkaPublishesTheContactInItsTrace() {
        String traceId = newTraceId();
        String userId = "u-" + UUID.randomUUID();
        try (var contacts = TopicProbe.watch(Topics.CONTACTS)) {
            TopicProbe.produce(Topics.EVENTS, userId, identify(userId), Map.of("traceparent", traceparent(traceId)));
            assertEquals(traceId, traceIdOf(contacts.await(r -> userId.equals(r.key()), WAIT)));
        }
    }

    @Test
    void anHttpRequestPublishesItsEventInItsTrace() {
        String traceId = newTraceId();
        String userId = "u-" + UUID.randomUUID();
        try (var events = TopicProbe.watch(Topics.EVENTS)) {
            given().auth().preemptive().basic(TestKeys.WRITE, "").contentType("application/json")
                    .header("traceparent", traceparent(traceId)).body(identify(userId))
                    .post("/v1/identify").then().statusCode(200);
            assertEquals(traceId, traceIdOf(events.await(r -> userId.equals(r.key()), WAIT)));
        }
    }
}
