package io.drip.e2e;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.DeliveryStatus;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.testing.ConsumerGroups;
import io.drip.testing.TopicProbe;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * dispatch-service replicas as processes from the built jar, on a fresh database of their own and
 * one consumer group, sending through the {@code http} provider only (the default route) to a
 * {@link GatewayStandIn}. Contacts and send commands go in through Kafka, as journey-service
 * and contact-service publish them.
 */
final class DispatchReplicas implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(120);
    private static final int FIRST_PORT = 18591;

    private final String database;
    private final String group = "e2e-dispatch-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<ServiceProcess> started = new ArrayList<>();

    private DispatchReplicas(String database) {
        this.database = database;
    }

    /** A fresh database and a consumer group that starts at the end of the topics. */
    static DispatchReplicas fresh(String database) throws Exception {
        try (Connection db = connect("postgres")) {
            db.createStatement().execute("drop database if exists " + database + " with (force)");
            db.createStatement().execute("create database " + database);
        }
        DispatchReplicas replicas = new DispatchReplicas(database);
        ConsumerGroups.startAtEnd(Map.of(replicas.group + ".sends", Topics.SENDS,
                replicas.group + ".contacts", Topics.CONTACTS));
        return replicas;
    }

    static Connection connect(String database) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "drip", "drip");
    }

    Connection database() throws Exception {
        return connect(database);
    }

    /**
     * Starts replica {@code index} (its own ports), sending to {@code gatewayUrl}, and waits until
     * it is ready; {@code extra} adds or overrides settings.
     */
    ServiceProcess start(int index, String gatewayUrl, Map<String, String> extra) throws Exception {
        Path repo = Path.of(System.getProperty("drip.repo.root", "..")).toAbsolutePath().normalize();
        int port = portOf(index);
        Map<String, String> env = ServiceProcess.environment(database, port, group);
        env.put("DRIP_DEFAULT_ROUTE_PROVIDERS", "http");
        env.put("DRIP_HTTP_PROVIDER_URL", gatewayUrl);
        env.put("DRIP_HTTP_PROVIDER_SECRET", "e2e-gateway-secret");
        // PostgreSQL's connections are shared with whatever else runs on the machine
        env.put("QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE", "6");
        env.putAll(extra);
        ServiceProcess dispatch = ServiceProcess.start(repo, "dispatch-service", port + 100, env);
        started.add(dispatch);
        dispatch.awaitReady(READY);
        return dispatch;
    }

    /** The HTTP port of replica {@code index} (its management port is 100 above). */
    static int portOf(int index) {
        return FIRST_PORT + index;
    }

    /** A new contact with a Dutch mobile number (no country rule depends on the day), published. */
    static String contact() {
        String contactId = "c-" + UUID.randomUUID();
        String phone = "+3161" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
        TopicProbe.produce(Topics.CONTACTS, contactId, MessageJson.write(new ContactSnapshot(contactId, 1, phone, "valid",
                "Europe/Amsterdam", null, MessageJson.mapper().createObjectNode(), Map.of(), Instant.now())));
        return contactId;
    }

    /** Publishes a transactional send (no caps, no quiet hours) to the contact; returns its message id. */
    static String send(String contactId, String text) {
        SendCommand command = new SendCommand(UUID.randomUUID().toString(), "k-" + UUID.randomUUID(), contactId, "e2e",
                1, "code", null, "sms", SendCommand.TRANSACTIONAL, text, List.of(), null, null, Instant.now());
        TopicProbe.produce(Topics.SENDS, contactId, MessageJson.write(command));
        return command.messageId();
    }

    static DeliveryStatus status(ConsumerRecord<String, String> record) {
        return MessageJson.read(record.value(), DeliveryStatus.class);
    }

    /** Waits for the message's first status {@code status} on drip.deliveries.v1. */
    static DeliveryStatus awaitStatus(TopicProbe deliveries, String messageId, String status, Duration timeout) {
        return status(deliveries.await(r -> {
            DeliveryStatus s = status(r);
            return s.messageId().equals(messageId) && s.status().equals(status);
        }, timeout));
    }

    /** The statuses published for these messages, in the order seen. */
    static List<DeliveryStatus> statuses(TopicProbe deliveries, Set<String> messageIds, Duration settle) {
        return deliveries.all(r -> messageIds.contains(status(r).messageId()), settle).stream()
                .map(DispatchReplicas::status).toList();
    }

    @Override
    public void close() {
        started.forEach(ServiceProcess::close);
    }
}
