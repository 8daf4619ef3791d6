package io.drip.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * deploy/k8s renders, matches the schemas of Kubernetes and of the operators it relies on, and
 * agrees with the rest of the repository (topics, databases, consumer groups, probes).
 */
class KubernetesManifestsTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyOverlayRendersAndMatchesTheSchemas(String overlay) throws Exception {
        String yaml = Manifests.render(overlay);
        OperatorSchemas.Report report = OperatorSchemas.check(yaml);
        assertTrue(report.ok(), overlay + ":\n" + report.output());
        List<String> unknown = new ArrayList<>();
        for (HasMetadata object : Manifests.objects(yaml)) {
            if (!(object instanceof GenericKubernetesResource)) {
                UnknownFields.in(object).forEach(problem -> unknown.add(object.getKind() + "/"
                        + object.getMetadata().getName() + problem));
            }
        }
        assertEquals(List.of(), unknown, overlay + ": fields the kinds do not have");
    }

    @Test
    void theChecksCatchABrokenManifest() throws Exception {
        String broken = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: broken}
                spec:
                  replicas: two
                  selector: {matchLabels: {app: broken}}
                  template:
                    metadata: {labels: {app: broken}}
                    spec:
                      containers:
                        - name: app
                          image: x
                          readinesProbe: {httpGet: {path: /q/health/ready, port: 9000}}
                """;
        OperatorSchemas.Report report = OperatorSchemas.check(broken);
        assertFalse(report.ok());
        assertTrue(report.output().contains("replicas must be integer"), report.output());
        String typed = broken.replace("replicas: two", "replicas: 2");
        assertTrue(OperatorSchemas.check(typed).ok(), "the schemas let unknown fields through");
        assertEquals(List.of("Deployment/broken.spec.template.spec.containers[0]: unknown [readinesProbe]"),
                Manifests.objects(typed).stream().flatMap(o -> UnknownFields.in(o).stream()
                        .map(p -> o.getKind() + "/" + o.getMetadata().getName() + p)).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void kafkaTopicsAreThoseOfTheLocalSetup(String overlay) throws Exception {
        Map<String, String> local = Files.readAllLines(Manifests.REPO.resolve("deploy/local/topics.txt")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .collect(Collectors.toMap(line -> line.split("\\s+")[0],
                        line -> line.contains("cleanup.policy=compact") ? "compact" : "delete"));
        Map<String, String> declared = new java.util.TreeMap<>();
        for (GenericKubernetesResource topic : kind(overlay, "KafkaTopic")) {
            Map<String, Object> spec = spec(topic);
            assertEquals(6, spec.get("partitions"), topic.getMetadata().getName() + ": every topic has 6 partitions");
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) spec.get("config");
            declared.put((String) spec.get("topicName"), String.valueOf(config.getOrDefault("cleanup.policy", "delete")));
        }
        assertEquals(new java.util.TreeMap<>(local), declared);
    }

    @Test
    void everyServiceHasItsDatabaseItsProbesAndAGracefulStop() throws Exception {
        String yaml = Manifests.render("prod");
        List<HasMetadata> objects = Manifests.objects(yaml);
        GenericKubernetesResource postgres = (GenericKubernetesResource) objects.stream()
                .filter(o -> o.getKind().equals("Cluster")).findFirst().orElseThrow();
        String bootstrap = postgres.getAdditionalProperties().get("spec").toString();
        List<Deployment> deployments = objects.stream().filter(o -> o instanceof Deployment).map(o -> (Deployment) o)
                .toList();
        assertEquals(5, deployments.size(), "four services and the console");
        for (Deployment deployment : deployments) {
            String name = deployment.getMetadata().getName();
            String service = name.replace("-service", "");
            // the console holds no data: no database of its own
            assertTrue(service.equals("console") || bootstrap.contains("drip_" + service), name + ": its database drip_"
                    + service + " is created by the PostgreSQL cluster");
            Container app = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertEquals("/q/health/started", app.getStartupProbe().getHttpGet().getPath(), name);
            assertEquals("/q/health/live", app.getLivenessProbe().getHttpGet().getPath(), name);
            assertEquals("/q/health/ready", app.getReadinessProbe().getHttpGet().getPath(), name);
            assertTrue(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot(), name);
            assertTrue(app.getSecurityContext().getReadOnlyRootFilesystem(), name);
            assertTrue(app.getResources().getLimits().containsKey("memory"), name + ": a memory limit");
            // the service's shutdown timeout is 15 s, the preStop pause 5 s
            assertTrue(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds() > 20, name);
        }
    }

    /** What a service's JVM takes beside its heap, measured at the identify burst (docs/benchmarks.md): 200 MB. */
    private static final long BESIDE_THE_HEAP = 200L * 1024 * 1024;

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceHasRoomBesideItsHeapWithinItsMemoryLimit(String overlay) throws Exception {
        List<HasMetadata> objects = Manifests.objects(Manifests.render(overlay));
        String options = objects.stream().filter(o -> o instanceof ConfigMap)
                .map(o -> ((ConfigMap) o).getData().getOrDefault("JAVA_TOOL_OPTIONS", ""))
                .filter(o -> !o.isEmpty()).findFirst().orElseThrow();
        java.util.regex.Matcher percentage = java.util.regex.Pattern.compile("-XX:MaxRAMPercentage=([0-9.]+)").matcher(options);
        assertTrue(percentage.find(), options);
        double heapShare = Double.parseDouble(percentage.group(1)) / 100;
        for (HasMetadata object : objects) {
            if (object instanceof Deployment deployment) {
                long limit = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits()
                        .get("memory").getNumericalAmount().longValue();
                assertTrue(limit * (1 - heapShare) >= BESIDE_THE_HEAP, overlay + " " + deployment.getMetadata().getName()
                        + ": a heap of " + (long) (limit * heapShare) / (1024 * 1024) + " MB in a limit of "
                        + limit / (1024 * 1024) + " MB leaves less than 200 MB beside it");
            }
        }
    }

    @Test
    void contactServiceReadsTheSampleSegmentsFromTheirConfigMap() throws Exception {
        List<HasMetadata> objects = Manifests.objects(Manifests.render("prod"));
        Deployment contact = objects.stream().filter(o -> o instanceof Deployment && o.getMetadata().getName()
                .equals("contact-service")).map(o -> (Deployment) o).findFirst().orElseThrow();
        var pod = contact.getSpec().getTemplate().getSpec();
        String configMap = pod.getVolumes().stream().filter(v -> v.getConfigMap() != null
                && v.getConfigMap().getName().startsWith("drip-segments")).findFirst().orElseThrow().getConfigMap().getName();
        String volume = pod.getVolumes().stream().filter(v -> v.getConfigMap() != null
                && v.getConfigMap().getName().equals(configMap)).findFirst().orElseThrow().getName();
        assertTrue(pod.getContainers().get(0).getVolumeMounts().stream()
                .anyMatch(m -> m.getName().equals(volume) && m.getMountPath().equals("/deployments/segments")));
        ConfigMap segments = objects.stream().filter(o -> o instanceof ConfigMap && o.getMetadata().getName().equals(configMap))
                .map(o -> (ConfigMap) o).findFirst().orElseThrow();
        assertEquals(Files.readString(Manifests.REPO.resolve("deploy/segments/segments.yaml")), segments.getData().get("segments.yaml"));
        String settings = objects.stream().filter(o -> o instanceof ConfigMap && o.getMetadata().getName().startsWith("contact-service"))
                .map(o -> ((ConfigMap) o).getData().toString()).collect(Collectors.joining());
        assertTrue(settings.contains("DRIP_SEGMENTS_FILE=/deployments/segments/segments.yaml"), settings);
    }

    @Test
    void theConsoleSignsInWithOidcBehindItsIngressInProduction() throws Exception {
        List<HasMetadata> objects = Manifests.objects(Manifests.render("prod"));
        Deployment console = objects.stream().filter(o -> o instanceof Deployment && o.getMetadata().getName()
                .equals("console-service")).map(o -> (Deployment) o).findFirst().orElseThrow();
        Container app = console.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertTrue(app.getEnv().stream().anyMatch(e -> e.getName().equals("DRIP_CONSOLE_OIDC") && "true".equals(e.getValue())),
                "OIDC on in prod");
        assertTrue(app.getEnvFrom().stream().anyMatch(e -> e.getSecretRef() != null
                && e.getSecretRef().getName().equals("drip-console")), "its key and session key from a Secret");
        assertTrue(objects.stream().anyMatch(o -> o.getKind().equals("Ingress") && Manifests.SERIALIZATION.asYaml(o)
                .contains("console-service")), "an Ingress routes to the console");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void journeyServiceSignsWebhooksWithASecretAndCallsOnlyTheConfiguredHosts(String overlay) throws Exception {
        List<HasMetadata> objects = Manifests.objects(Manifests.render(overlay));
        Deployment journey = objects.stream().filter(o -> o instanceof Deployment && o.getMetadata().getName()
                .equals("journey-service")).map(o -> (Deployment) o).findFirst().orElseThrow();
        Container app = journey.getSpec().getTemplate().getSpec().getContainers().get(0);
        // a Secret the overlay generates has a hash in its name
        String secretName = app.getEnvFrom().stream().filter(e -> e.getSecretRef() != null)
                .map(e -> e.getSecretRef().getName()).filter(name -> name.startsWith("drip-webhooks")).findFirst()
                .orElseThrow(() -> new AssertionError("DRIP_JOURNEYS_WEBHOOKS_SECRET from Secret drip-webhooks"));
        assertFalse(app.getEnv().stream().anyMatch(e -> e.getName().equals("DRIP_JOURNEYS_WEBHOOKS_SECRET")
                && e.getValue() != null), "the webhook secret is not written in the manifests");
        for (HasMetadata object : objects) {
            if (object instanceof ConfigMap config) {
                assertFalse(config.getData() != null && config.getData().containsKey("DRIP_JOURNEYS_WEBHOOKS_SECRET"),
                        config.getMetadata().getName() + " holds the webhook secret");
            }
        }
        String hosts = Manifests.serviceConfig(objects, journey).getData().get("DRIP_JOURNEYS_WEBHOOKS_ALLOWED_HOSTS");
        assertTrue(hosts != null && !hosts.isBlank(), "the hosts webhook steps may call are configured");
        if (overlay.equals("dev")) {
            Secret secret = objects.stream().filter(o -> o instanceof Secret && o.getMetadata().getName().equals(secretName))
                    .map(o -> (Secret) o).findFirst().orElseThrow(() -> new AssertionError("dev makes its demo webhook secret"));
            assertTrue(secret.getData().containsKey("DRIP_JOURNEYS_WEBHOOKS_SECRET"), secret.getData().keySet().toString());
        }
    }

    @Test
    void kedaScalesEachConsumerOnItsOwnGroupUpToThePartitionCount() throws Exception {
        for (GenericKubernetesResource scaled : kind("prod", "ScaledObject")) {
            Map<String, Object> spec = spec(scaled);
            String service = scaled.getMetadata().getName();
            assertTrue((Integer) spec.get("maxReplicaCount") <= 6, service + ": more replicas than partitions idle");
            @SuppressWarnings("unchecked")
            Map<String, Object> kafka = ((List<Map<String, Object>>) spec.get("triggers")).get(0);
            @SuppressWarnings("unchecked")
            String group = (String) ((Map<String, Object>) kafka.get("metadata")).get("consumerGroup");
            assertTrue(group.startsWith(service + "."), service + " scales on its own consumer group, not " + group);
        }
    }

    private static List<GenericKubernetesResource> kind(String overlay, String kind) throws IOException, InterruptedException {
        List<GenericKubernetesResource> found = Manifests.objects(Manifests.render(overlay)).stream()
                .filter(o -> o.getKind().equals(kind)).map(o -> (GenericKubernetesResource) o).toList();
        assertFalse(found.isEmpty(), overlay + " has no " + kind);
        return found;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }
}
