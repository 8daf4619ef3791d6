// Creates (or resets) Drip's Kafka topics in one JVM with the Admin API, for deploy/local/kafka.
// Run as a single-file program on the broker's jars (no build step):
//   java -cp '<kafka libs>/*' KafkaTopics.java <bootstrap> <partitions> <topics file> ensure|reset <timeout s>
// One JVM for all topics takes about a second; Kafka's topic tool takes about a second per topic.
// Exit 0: every listed topic exists with the partition count and configs the file asks for;
// 3: some existing topic differs from the file; 1: anything else (no broker, ...).

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

public class KafkaTopics {

  record Topic(String name, Map<String, String> configs) {}

  public static void main(String[] args) throws Exception {
    try {
      run(args);
    } catch (IllegalStateException e) {
      // Expected failures (no broker, deletion stuck): one line, not a stack trace.
      System.err.println("KafkaTopics: " + e.getMessage()
          + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
      System.exit(1);
    }
  }

  static void run(String[] args) throws Exception {
    if (args.length != 5 || !(args[3].equals("ensure") || args[3].equals("reset"))) {
      System.err.println(
          "usage: KafkaTopics <bootstrap> <partitions> <topics file> ensure|reset <timeout seconds>");
      System.exit(2);
    }
    String bootstrap = args[0];
    int partitions = Integer.parseInt(args[1]);
    List<Topic> topics = parse(Path.of(args[2]));
    boolean reset = args[3].equals("reset");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[4]));

    Map<String, Object> conf = new LinkedHashMap<>();
    conf.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    conf.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    conf.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    try (Admin admin = Admin.create(conf)) {
      waitForBroker(admin, bootstrap, deadline);
      if (reset) {
        delete(admin, topics, deadline);
      }
      create(admin, topics, partitions, deadline);
      int problems = verifyWhenVisible(admin, topics, partitions, deadline);
      if (problems > 0) {
        System.err.printf(
            "%d topic(s) differ from %s. Recreate them (data is lost) with "
                + "'deploy/local/kafka reset-topics', or 'deploy/local/kafka start --fresh'.%n",
            problems, args[2]);
        System.exit(3);
      }
    }
  }

  static List<Topic> parse(Path file) throws Exception {
    List<Topic> topics = new ArrayList<>();
    for (String raw : Files.readAllLines(file)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] words = line.split("\\s+");
      Map<String, String> configs = new LinkedHashMap<>();
      for (int i = 1; i < words.length; i++) {
        String[] kv = words[i].split("=", 2);
        if (kv.length != 2) {
          throw new IllegalArgumentException(file + ": expected key=value, got '" + words[i] + "'");
        }
        configs.put(kv[0], kv[1]);
      }
      topics.add(new Topic(words[0], configs));
    }
    return topics;
  }

  // A broker whose port is open may still be joining its own cluster; until it is registered,
  // topic creation fails with "0 brokers", so wait until the cluster lists a node.
  static void waitForBroker(Admin admin, String bootstrap, long deadline) throws Exception {
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        long leftMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        var options = new DescribeClusterOptions().timeoutMs((int) Math.min(5_000, leftMs));
        if (!admin.describeCluster(options).nodes().get().isEmpty()) {
          return;
        }
      } catch (ExecutionException e) {
        last = e;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("no Kafka broker answers on " + bootstrap, last);
  }

  static void delete(Admin admin, List<Topic> topics, long deadline) throws Exception {
    Set<String> wanted = new TreeSet<>();
    topics.forEach(t -> wanted.add(t.name()));
    Set<String> doomed = new TreeSet<>(admin.listTopics().names().get());
    doomed.retainAll(wanted);
    if (doomed.isEmpty()) {
      return;
    }
    admin.deleteTopics(doomed).all().get();
    // Deletion finishes asynchronously; creating the same name too early fails.
    while (true) {
      Set<String> left = new TreeSet<>(admin.listTopics().names().get());
      left.retainAll(doomed);
      if (left.isEmpty()) {
        break;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("topics still being deleted: " + left);
      }
      Thread.sleep(200);
    }
    System.out.println("deleted " + doomed.size() + " topics: " + String.join(", ", doomed));
  }

  static void create(Admin admin, List<Topic> topics, int partitions, long deadline)
      throws Exception {
    Set<String> created = new TreeSet<>();
    Set<String> existing = new TreeSet<>(admin.listTopics().names().get());
    List<NewTopic> missing = new ArrayList<>();
    for (Topic t : topics) {
      if (!existing.contains(t.name())) {
        missing.add(new NewTopic(t.name(), partitions, (short) 1).configs(withCleanupPolicy(t)));
      }
    }
    while (!missing.isEmpty()) {
      List<NewTopic> retry = new ArrayList<>();
      Map<String, KafkaFuture<Void>> results =
          admin.createTopics(missing).values();
      for (NewTopic nt : missing) {
        try {
          results.get(nt.name()).get();
          created.add(nt.name());
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof TopicExistsException) {
            continue; // made by someone else meanwhile: fine, verify() checks it
          }
          boolean transientError =
              cause instanceof RetriableException
                  || cause instanceof InvalidReplicationFactorException;
          if (!transientError || System.nanoTime() > deadline) {
            throw new IllegalStateException("creating topic " + nt.name() + " failed", cause);
          }
          retry.add(nt);
        }
      }
      missing = retry;
      if (!missing.isEmpty()) {
        Thread.sleep(250);
      }
    }
    existing.retainAll(topics.stream().map(Topic::name).toList());
    System.out.printf(
        "topics: %d created, %d already there (%d partitions each)%n",
        created.size(), existing.size(), partitions);
  }

  // cleanup.policy is always set explicitly, never left to the broker default: a topic not
  // marked compact must not be compacted (a dead-letter topic keeps every record), and Kafka
  // 4.1.2 in KRaft mode brings a deleted topic's config overrides back onto a re-created topic
  // of the same name after a broker restart (seen with reset-topics), unless the new topic
  // sets that config itself.
  static Map<String, String> withCleanupPolicy(Topic t) {
    Map<String, String> configs = new LinkedHashMap<>();
    configs.put("cleanup.policy", "delete");
    configs.putAll(t.configs());
    return configs;
  }

  // Right after creation the broker may not have caught up with the controller's metadata
  // yet and answers "unknown topic" for a moment.
  static int verifyWhenVisible(Admin admin, List<Topic> topics, int partitions, long deadline)
      throws Exception {
    while (true) {
      try {
        return verify(admin, topics, partitions);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  static int verify(Admin admin, List<Topic> topics, int partitions) throws Exception {
    List<String> names = topics.stream().map(Topic::name).toList();
    Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get();
    List<ConfigResource> resources =
        names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
    Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
    int problems = 0;
    for (Topic t : topics) {
      int actual = descriptions.get(t.name()).partitions().size();
      if (actual != partitions) {
        System.err.printf("%s has %d partitions, expected %d%n", t.name(), actual, partitions);
        problems++;
      }
      Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, t.name()));
      for (Map.Entry<String, String> e : withCleanupPolicy(t).entrySet()) {
        var entry = config.get(e.getKey());
        String value = entry == null ? null : entry.value();
        if (!e.getValue().equals(value)) {
          System.err.printf("%s has %s=%s, expected %s%n", t.name(), e.getKey(), value, e.getValue());
          problems++;
        }
      }
    }
    return problems;
  }
}
