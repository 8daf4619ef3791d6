package io.drip.demo.shop;

import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.drip.contracts.Topics;
import io.drip.demo.Http;
import io.drip.demo.Tally;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The store's backend reporting what shoppers do, through Drip's two public ways in: the
 * Segment HTTP API of contact-service (with the store's write key) and the same JSON produced to
 * drip.events.v1, keyed by the contact id. Each shopper uses one of them, so their events stay in order.
 */
public final class ShopBackend implements AutoCloseable {
    private final Http http;
    private final Tally tally;
    private final String contactUrl;
    private final String writeKey;
    private final KafkaProducer<String, String> producer;
    private final AtomicLong overHttp = new AtomicLong();
    private final AtomicLong overKafka = new AtomicLong();

    public ShopBackend(Http http, String contactUrl, String writeKey, String kafkaBootstrap, Tally tally) {
        this.http = http;
        this.tally = tally;
        this.contactUrl = contactUrl;
        this.writeKey = writeKey;
        Properties config = new Properties();
        config.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, "5",
                ProducerConfig.CLIENT_ID_CONFIG, "drip-demo-store"));
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /** Sends one shopper's messages, in order, the way that shopper's backend sends. */
    public void send(Shopper shopper, List<SegmentMessage> messages) {
        if (shopper.viaKafka()) {
            // the producer keeps one key's records in order (idempotent, in-flight requests ≤ 5)
            for (SegmentMessage message : messages) {
                producer.send(new ProducerRecord<>(Topics.EVENTS, message.contactId(), MessageJson.write(message)),
                        (metadata, error) -> {
                            if (error != null) {
                                tally.error("producing to " + Topics.EVENTS, new IllegalStateException(error.toString(), error));
                            }
                        });
            }
            overKafka.addAndGet(messages.size());
        } else if (messages.size() == 1) {
            http.postWithWriteKey(contactUrl + "/v1/" + messages.get(0).type(), writeKey, messages.get(0));
            overHttp.incrementAndGet();
        } else {
            http.postWithWriteKey(contactUrl + "/v1/batch", writeKey, Map.of("batch", messages));
            overHttp.addAndGet(messages.size());
        }
    }

    public long sentOverHttp() {
        return overHttp.get();
    }

    public long sentOverKafka() {
        return overKafka.get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
