package io.drip.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * Starts new consumer groups at the current end of their topics, so that services started for
 * one test run see only what that run produces, not what earlier tests left on the broker.
 */
public final class ConsumerGroups {

    private ConsumerGroups() {
    }

    /**
     * Waits until every partition of {@code topic} is assigned to a member of {@code group}: a
     * service started for a test class joins its groups in the background, and after a restart the
     * rebalance can take seconds, during which records produced wait unread.
     */
    public static void awaitAssigned(String group, String topic, Duration timeout) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TopicProbe.bootstrapServers()))) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Instant deadline = Instant.now().plus(timeout);
            while (assigned(admin, group, topic) < partitions) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("group " + group + " holds " + assigned(admin, group, topic) + " of "
                            + partitions + " partitions of " + topic + " after " + timeout);
                }
                Thread.sleep(200);
            }
        }
    }

    private static long assigned(Admin admin, String group, String topic) throws Exception {
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        return description.groupState() != GroupState.STABLE ? 0 : description.members().stream()
                .flatMap(member -> member.assignment().topicPartitions().stream())
                .filter(partition -> partition.topic().equals(topic)).count();
    }

    public static void startAtEnd(Map<String, String> topicByGroup) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TopicProbe.bootstrapServers()))) {
            for (var entry : topicByGroup.entrySet()) {
                String topic = entry.getValue();
                List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                        .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
                Map<TopicPartition, OffsetAndMetadata> ends = admin.listOffsets(latest).all().get().entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
                admin.alterConsumerGroupOffsets(entry.getKey(), ends).all().get();
            }
        }
    }
}
