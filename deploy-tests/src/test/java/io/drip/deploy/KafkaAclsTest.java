package io.drip.deploy;

import static io.drip.contracts.Topics.CLICKS;
import static io.drip.contracts.Topics.CONTACTS;
import static io.drip.contracts.Topics.DELIVERIES;
import static io.drip.contracts.Topics.EVENTS;
import static io.drip.contracts.Topics.INBOUND;
import static io.drip.contracts.Topics.SENDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.Topics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kafka on Kubernetes is not open: every service that uses Kafka authenticates as its own
 * KafkaUser (SCRAM-SHA-512 over TLS) on the only listener, and each user's ACLs are exactly the
 * table below, which is checked twice more against the code: the consumed topics and groups
 * against each service's channels (application.properties), the produced topics against what its
 * code puts in its outbox or hands to a producer.
 */
class KafkaAclsTest {
    private static final String CLUSTER_CA = "drip-kafka-cluster-ca-cert";
    private static final String EVENT_PRODUCER = "drip-event-producer";
    private static final String KEDA = "drip-keda";

    /** One thing a user may do: allow {@code operation} on the {@code type} named {@code name}, literally. */
    record Acl(String type, String name, String operation) implements Comparable<Acl> {
        @Override
        public int compareTo(Acl other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return type + " " + name + " " + operation;
        }
    }

    /** What each user may do, written from the services' code (docs/security.md has it as a table). */
    private static Map<String, Set<Acl>> expected(String overlay) {
        Map<String, Set<Acl>> users = new TreeMap<>();
        users.put("contact-service", new User("contact-service").produces(EVENTS, CONTACTS, SENDS)
                .consumes("events", EVENTS).consumes("clicks", CLICKS).consumes("inbound", INBOUND).acls);
        users.put("journey-service", new User("journey-service").produces(SENDS, EVENTS)
                .consumes("events", EVENTS).consumes("contacts", CONTACTS).consumes("deliveries", DELIVERIES)
                .consumes("clicks", CLICKS).consumes("inbound", INBOUND).acls);
        users.put("dispatch-service", new User("dispatch-service").produces(DELIVERIES, INBOUND)
                .consumes("sends", SENDS).consumes("contacts", CONTACTS).acls);
        // its channel "tombstones" reads drip.contacts.v1 in group <prefix>.contacts
        users.put("tracking-service", new User("tracking-service").produces(CLICKS)
                .consumes("sends", SENDS).consumes("deliveries", DELIVERIES).consumes("contacts", CONTACTS).acls);
        users.put(EVENT_PRODUCER, new User(EVENT_PRODUCER).produces(EVENTS).acls);
        if (overlay.equals("prod")) {
            users.put(KEDA, new User(KEDA).describes("topic", EVENTS, SENDS)
                    .describes("group", "contact-service.events", "journey-service.events", "dispatch-service.sends",
                            "tracking-service.sends").acls);
        }
        return users;
    }

    /** The rules of the table: what producing, consuming on a channel, and watching a lag take. */
    private static final class User {
        final String name;
        final Set<Acl> acls = new TreeSet<>();

        User(String name) {
            this.name = name;
        }

        User produces(String... topics) {
            for (String topic : topics) {
                acls.add(new Acl("topic", topic, "Write"));
                acls.add(new Acl("topic", topic, "Describe"));
            }
            return this;
        }

        /** A channel's topic, its dead-letter topic and its group {@code <user>.<group>}. */
        User consumes(String group, String topic) {
            acls.add(new Acl("topic", topic, "Read"));
            acls.add(new Acl("topic", topic, "Describe"));
            acls.add(new Acl("topic", Topics.dlq(topic), "Write"));
            acls.add(new Acl("topic", Topics.dlq(topic), "Describe"));
            acls.add(new Acl("group", name + "." + group, "Read"));
            return this;
        }

        User describes(String type, String... names) {
            for (String resource : names) {
                acls.add(new Acl(type, resource, "Describe"));
            }
            return this;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyUserMayDoExactlyWhatTheTableSays(String overlay) throws Exception {
        assertEquals(List.of(), differences(expected(overlay), acls(Manifests.objects(Manifests.render(overlay)))),
                overlay + ": ACLs missing (-) or extra (+)");
    }

    @Test
    void theComparisonCatchesAMissingAnExtraAclAndAnExtraUser() {
        Map<String, Set<Acl>> tampered = new TreeMap<>();
        expected("prod").forEach((user, acls) -> tampered.put(user, new TreeSet<>(acls)));
        tampered.get("dispatch-service").remove(new Acl("group", "dispatch-service.sends", "Read"));
        tampered.get(EVENT_PRODUCER).add(new Acl("topic", SENDS, "Write"));
        tampered.put("stranger", Set.of(new Acl("topic", EVENTS, "Read")));
        assertEquals(List.of("dispatch-service: - group dispatch-service.sends Read",
                EVENT_PRODUCER + ": + topic drip.sends.v1 Write", "stranger: a user the table does not have"),
                differences(expected("prod"), tampered));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void aBackendThatProducesEventsMayWriteDripEventsAndNothingElse(String overlay) throws Exception {
        Set<Acl> producer = acls(Manifests.objects(Manifests.render(overlay))).get(EVENT_PRODUCER);
        assertEquals(new TreeSet<>(Set.of(new Acl("topic", EVENTS, "Write"), new Acl("topic", EVENTS, "Describe"))),
                producer, overlay + ": " + EVENT_PRODUCER + " may write " + EVENTS + " and nothing else");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyAclAllowsOneNamedTopicOrGroupAndEveryUserUsesScram(String overlay) throws Exception {
        List<String> problems = new ArrayList<>();
        for (GenericKubernetesResource user : kafkaUsers(Manifests.objects(Manifests.render(overlay)))) {
            String name = user.getMetadata().getName();
            Map<String, Object> spec = map(user.getAdditionalProperties().get("spec"));
            if (!"scram-sha-512".equals(map(spec.get("authentication")).get("type"))) {
                problems.add(name + ": authentication is not scram-sha-512");
            }
            Map<String, Object> authorization = map(spec.get("authorization"));
            if (!"simple".equals(authorization.get("type"))) {
                problems.add(name + ": authorization is not simple");
            }
            for (Object entry : list(authorization.get("acls"))) {
                Map<String, Object> acl = map(entry);
                Map<String, Object> resource = map(acl.get("resource"));
                String where = name + ": " + acl;
                Set<String> unknown = new TreeSet<>(acl.keySet());
                unknown.removeAll(Set.of("type", "resource", "host", "operations"));
                if (!unknown.isEmpty()) {
                    problems.add(where + " has fields an ACL does not have: " + unknown);
                }
                if (!"allow".equals(acl.getOrDefault("type", "allow")) || !"*".equals(acl.getOrDefault("host", "*"))) {
                    problems.add(where + " is not a plain allow from any host");
                }
                if (!Set.of("topic", "group").contains(resource.get("type"))) {
                    problems.add(where + ": only topics and groups (no cluster, no transactional id)");
                }
                if (String.valueOf(resource.get("name")).contains("*") || !"literal".equals(resource.getOrDefault("patternType",
                        "literal"))) {
                    problems.add(where + ": a wildcard or a prefix, not one named resource");
                }
                if (list(acl.get("operations")).contains("All")) {
                    problems.add(where + ": operation All");
                }
            }
        }
        assertEquals(List.of(), problems, overlay);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theListenerTheServicesUseRequiresTlsAndScramAndThereIsNoOther(String overlay) throws Exception {
        List<HasMetadata> objects = Manifests.objects(Manifests.render(overlay));
        String bootstrap = common(objects).getData().get("KAFKA_BOOTSTRAP_SERVERS");
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        GenericKubernetesResource kafka = objects.stream().filter(o -> o.getKind().equals("Kafka"))
                .map(o -> (GenericKubernetesResource) o).findFirst().orElseThrow();
        assertTrue(bootstrap.startsWith(kafka.getMetadata().getName() + "-kafka-bootstrap:"), bootstrap);
        Map<String, Object> spec = map(map(kafka.getAdditionalProperties().get("spec")).get("kafka"));
        List<Object> listeners = list(spec.get("listeners"));
        assertTrue(listeners.stream().anyMatch(l -> map(l).get("port").equals(port)),
                overlay + ": the services' bootstrap port " + port + " is a listener");
        for (Object listener : listeners) {
            Map<String, Object> it = map(listener);
            assertEquals(true, it.get("tls"), overlay + ": listener " + it.get("name") + " encrypts");
            assertEquals("scram-sha-512", map(it.get("authentication")).get("type"),
                    overlay + ": listener " + it.get("name") + " lets in only known users");
        }
        assertEquals("simple", map(spec.get("authorization")).get("type"), overlay + ": ACLs are enforced");
        assertNotNull(map(map(kafka.getAdditionalProperties().get("spec")).get("entityOperator")).get("userOperator"),
                overlay + ": the User Operator turns the KafkaUsers into credentials and ACLs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceThatUsesKafkaAuthenticatesAsItsOwnUser(String overlay) throws Exception {
        List<HasMetadata> objects = Manifests.objects(Manifests.render(overlay));
        Set<String> users = acls(objects).keySet();
        Set<String> used = new TreeSet<>();
        for (Deployment deployment : deployments(objects)) {
            String name = deployment.getMetadata().getName();
            Map<String, EnvVar> env = env(deployment);
            if (!usesKafka(name)) {
                assertTrue(env.keySet().stream().noneMatch(v -> v.startsWith("KAFKA_")), name + " uses no Kafka: no credentials");
                continue;
            }
            assertEquals("SASL_SSL", value(env, "KAFKA_SECURITY_PROTOCOL"), name);
            assertEquals("SCRAM-SHA-512", value(env, "KAFKA_SASL_MECHANISM"), name);
            assertEquals("PEM", value(env, "KAFKA_SSL_TRUSTSTORE_TYPE"), name);
            SecretKeySelector ca = secret(env, name, "KAFKA_SSL_TRUSTSTORE_CERTIFICATES");
            assertEquals(List.of(CLUSTER_CA, "ca.crt"), List.of(ca.getName(), ca.getKey()), name + " trusts the cluster CA");
            SecretKeySelector jaas = secret(env, name, "KAFKA_SASL_JAAS_CONFIG");
            assertEquals(List.of(name, "sasl.jaas.config"), List.of(jaas.getName(), jaas.getKey()),
                    name + " signs in as its own KafkaUser, from the Secret Strimzi makes for it");
            assertTrue(users.contains(name), name + " has a KafkaUser");
            used.add(name);
        }
        Set<String> unused = new TreeSet<>(users);
        unused.removeAll(used);
        unused.removeAll(Set.of(EVENT_PRODUCER, KEDA));
        assertEquals(Set.of(), unused, overlay + ": KafkaUsers no service signs in as");
    }

    /** Consumed topics, groups and dead-letter topics, from each service's channels. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theConsumersOfEachUserAreTheChannelsOfItsService(String overlay) throws Exception {
        for (Client client : kafkaClients(overlay)) {
            String name = client.name();
            Set<Acl> fromChannels = new TreeSet<>();
            for (Map.Entry<String, String[]> channel : channels(name).entrySet()) {
                String[] it = channel.getValue(); // topic, group.id, dead-letter topic
                fromChannels.add(new Acl("topic", it[0], "Read"));
                fromChannels.add(new Acl("group", it[1].replace("${drip.kafka.group}", client.groupPrefix()), "Read"));
                fromChannels.add(new Acl("topic", it[2], "Write"));
            }
            Set<Acl> granted = client.acls().stream().filter(a -> a.type().equals("group") || a.operation().equals("Read")
                    || a.name().endsWith(".dlq")).filter(a -> !a.operation().equals("Describe"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(fromChannels, granted, overlay + ": " + name + "'s reads, groups and dead letters are its channels'");
        }
    }

    /** Produced topics, from what each service's code puts in its outbox or gives a producer. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theProducersOfEachUserAreWhatItsServiceCodeSends(String overlay) throws Exception {
        for (Client client : kafkaClients(overlay)) {
            Set<String> written = new TreeSet<>();
            client.acls().stream().filter(a -> a.operation().equals("Write") && !a.name().endsWith(".dlq"))
                    .forEach(a -> written.add(a.name()));
            assertEquals(producedByCode(client.name()), written, overlay + ": " + client.name() + " writes what its code sends");
        }
    }

    @Test
    void aKafkaUserOutsideStrimzisSchemaFailsTheSchemaCheck() throws Exception {
        OperatorSchemas.Report report = OperatorSchemas.check("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaUser
                metadata: {name: broken, labels: {strimzi.io/cluster: drip-kafka}}
                spec:
                  authentication: {type: scram-sha-256}
                  authorization:
                    type: simple
                    acls:
                      - resource: {type: topic, name: drip.events.v1}
                        operation: Write
                """);
        assertFalse(report.ok(), report.output());
        assertTrue(report.output().contains("must have required property operations"), report.output());
        assertTrue(report.output().contains("authentication/type must be equal to one of the allowed values"), report.output());
    }

    @Test
    void kedaReadsTheLagAsItsOwnUserOverTheSameListener() throws Exception {
        List<HasMetadata> objects = Manifests.objects(Manifests.render("prod"));
        String bootstrap = common(objects).getData().get("KAFKA_BOOTSTRAP_SERVERS");
        Set<Acl> lags = new TreeSet<>();
        for (HasMetadata scaled : objects.stream().filter(o -> o.getKind().equals("ScaledObject")).toList()) {
            Map<String, Object> trigger = map(list(map(((GenericKubernetesResource) scaled).getAdditionalProperties()
                    .get("spec")).get("triggers")).get(0));
            Map<String, Object> metadata = map(trigger.get("metadata"));
            assertEquals(bootstrap, metadata.get("bootstrapServers"), scaled.getMetadata().getName());
            assertEquals("drip-kafka", map(trigger.get("authenticationRef")).get("name"), scaled.getMetadata().getName());
            lags.add(new Acl("topic", (String) metadata.get("topic"), "Describe"));
            lags.add(new Acl("group", (String) metadata.get("consumerGroup"), "Describe"));
        }
        assertEquals(lags, acls(objects).get(KEDA), "KEDA may describe the groups and topics it scales on, nothing else");
        Map<String, Object> auth = map(objects.stream().filter(o -> o.getKind().equals("TriggerAuthentication")
                && o.getMetadata().getName().equals("drip-kafka")).map(o -> (GenericKubernetesResource) o).findFirst()
                .orElseThrow().getAdditionalProperties().get("spec"));
        Map<String, List<String>> parameters = new TreeMap<>();
        for (String source : List.of("secretTargetRef", "configMapTargetRef")) {
            list(auth.get(source)).forEach(ref -> parameters.put((String) map(ref).get("parameter"),
                    List.of(source, (String) map(ref).get("name"), (String) map(ref).get("key"))));
        }
        assertEquals(List.of("secretTargetRef", KEDA, "password"), parameters.get("password"), "its user's password");
        assertEquals(List.of("secretTargetRef", CLUSTER_CA, "ca.crt"), parameters.get("ca"), "the cluster CA");
        List<String> username = parameters.get("username");
        ConfigMap settings = objects.stream().filter(o -> o instanceof ConfigMap && o.getMetadata().getName()
                .equals(username.get(1))).map(o -> (ConfigMap) o).findFirst().orElseThrow();
        assertEquals(KEDA, settings.getData().get(username.get(2)), "KEDA signs in as " + KEDA);
        assertEquals("scram_sha512", settings.getData().get(parameters.get("sasl").get(2)));
        assertEquals("enable", settings.getData().get(parameters.get("tls").get(2)));
    }

    // --- reading the manifests and the code

    static Map<String, Set<Acl>> acls(List<HasMetadata> objects) {
        Map<String, Set<Acl>> users = new TreeMap<>();
        for (GenericKubernetesResource user : kafkaUsers(objects)) {
            Set<Acl> acls = new TreeSet<>();
            Map<String, Object> authorization = map(map(user.getAdditionalProperties().get("spec")).get("authorization"));
            for (Object entry : list(authorization.get("acls"))) {
                Map<String, Object> resource = map(map(entry).get("resource"));
                for (Object operation : list(map(entry).get("operations"))) {
                    acls.add(new Acl((String) resource.get("type"), (String) resource.get("name"), (String) operation));
                }
            }
            users.put(user.getMetadata().getName(), acls);
        }
        return users;
    }

    static List<String> differences(Map<String, Set<Acl>> expected, Map<String, Set<Acl>> actual) {
        List<String> differences = new ArrayList<>();
        Set<String> users = new TreeSet<>(expected.keySet());
        users.addAll(actual.keySet());
        for (String user : users) {
            if (!actual.containsKey(user)) {
                differences.add(user + ": no KafkaUser");
            } else if (!expected.containsKey(user)) {
                differences.add(user + ": a user the table does not have");
            } else {
                expected.get(user).stream().filter(a -> !actual.get(user).contains(a)).forEach(a -> differences.add(user + ": - " + a));
                actual.get(user).stream().filter(a -> !expected.get(user).contains(a)).forEach(a -> differences.add(user + ": + " + a));
            }
        }
        return differences;
    }

    private static List<GenericKubernetesResource> kafkaUsers(List<HasMetadata> objects) {
        List<GenericKubernetesResource> users = objects.stream().filter(o -> o.getKind().equals("KafkaUser"))
                .map(o -> (GenericKubernetesResource) o).toList();
        assertFalse(users.isEmpty(), "no KafkaUser");
        return users;
    }

    private static List<Deployment> deployments(List<HasMetadata> objects) {
        return objects.stream().filter(o -> o instanceof Deployment).map(o -> (Deployment) o).toList();
    }

    /** A service that uses Kafka: its name, its consumer groups' prefix and its user's ACLs. */
    private record Client(String name, String groupPrefix, Set<Acl> acls) {
    }

    private static List<Client> kafkaClients(String overlay) throws IOException, InterruptedException {
        List<HasMetadata> objects = Manifests.objects(Manifests.render(overlay));
        Map<String, Set<Acl>> users = acls(objects);
        List<Client> clients = new ArrayList<>();
        for (Deployment deployment : deployments(objects)) {
            String name = deployment.getMetadata().getName();
            if (usesKafka(name)) {
                assertTrue(users.containsKey(name), name + " has a KafkaUser");
                clients.add(new Client(name, Manifests.serviceConfig(objects, deployment).getData().get("DRIP_KAFKA_GROUP"), users.get(name)));
            }
        }
        assertFalse(clients.isEmpty(), "no service uses Kafka?");
        return clients;
    }

    private static ConfigMap common(List<HasMetadata> objects) {
        return objects.stream().filter(o -> o instanceof ConfigMap && o.getMetadata().getName().equals("drip-common"))
                .map(o -> (ConfigMap) o).findFirst().orElseThrow();
    }

    private static Map<String, EnvVar> env(Deployment deployment) {
        Map<String, EnvVar> env = new LinkedHashMap<>();
        deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().forEach(v -> env.put(v.getName(), v));
        return env;
    }

    private static String value(Map<String, EnvVar> env, String name) {
        return Optional.ofNullable(env.get(name)).map(EnvVar::getValue).orElse(null);
    }

    private static SecretKeySelector secret(Map<String, EnvVar> env, String deployment, String name) {
        EnvVar variable = env.get(name);
        assertTrue(variable != null && variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null,
                deployment + ": " + name + " from a Secret");
        return variable.getValueFrom().getSecretKeyRef();
    }

    /** A service's module (contact-service/...) uses Kafka when it is built on service-kit, which brings the connector. */
    private static boolean usesKafka(String service) throws IOException {
        String pom = Files.readString(Manifests.REPO.resolve(service).resolve("pom.xml"));
        return pom.contains("<artifactId>service-kit</artifactId>") || pom.contains("<artifactId>quarkus-messaging-kafka</artifactId>");
    }

    private static final Pattern INCOMING = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.(.+)");

    /** The service's incoming channels: name → {topic, group.id, dead-letter-queue.topic}. */
    private static Map<String, String[]> channels(String service) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Manifests.REPO.resolve(service)
                .resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        Map<String, String[]> channels = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            Matcher incoming = INCOMING.matcher(key);
            if (!incoming.matches()) {
                continue;
            }
            String[] channel = channels.computeIfAbsent(incoming.group(1), c -> new String[3]);
            switch (incoming.group(2)) {
                case "topic" -> channel[0] = properties.getProperty(key);
                case "group.id" -> channel[1] = properties.getProperty(key);
                case "dead-letter-queue.topic" -> channel[2] = properties.getProperty(key);
                default -> {
                }
            }
        }
        channels.forEach((name, it) -> assertTrue(it[0] != null && it[1] != null && it[2] != null,
                service + " channel " + name + ": topic, group.id and dead-letter-queue.topic"));
        assertFalse(channels.isEmpty(), service + " has no incoming channel");
        return channels;
    }

    /** Records put in the outbox ({@code outbox.add(tx, Topics.X…)}, {@code new Outbox.Entry(Topics.X…)}) or sent by a producer of its own. */
    private static final Pattern SENT = Pattern.compile(
            "(?:outbox\\.add\\(\\w+,\\s*|new Outbox\\.Entry\\(|new ProducerRecord<>\\()Topics\\.([A-Z_]+)");

    private static Set<String> producedByCode(String service) throws Exception {
        Map<String, String> topics = new HashMap<>();
        for (Field field : Topics.class.getFields()) {
            if (field.getType() == String.class) {
                topics.put(field.getName(), (String) field.get(null));
            }
        }
        Set<String> produced = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Manifests.REPO.resolve(service).resolve("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher sent = SENT.matcher(Files.readString(file));
                while (sent.find()) {
                    assertTrue(topics.containsKey(sent.group(1)), file + ": Topics." + sent.group(1));
                    produced.add(topics.get(sent.group(1)));
                }
            }
        }
        assertFalse(produced.isEmpty(), service + " produces nothing?");
        return produced;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }
}
