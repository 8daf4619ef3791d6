package io.drip.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/** The manifests of an overlay as Kubernetes would receive them: rendered by kustomize. */
final class Manifests {
    static final Path REPO = Path.of(System.getProperty("drip.repo.root", "..")).toAbsolutePath().normalize();
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Manifests() {
    }

    /** {@code kubectl kustomize} of deploy/k8s/overlays/{@code overlay}, as YAML. */
    static String render(String overlay) throws IOException, InterruptedException {
        Path dir = REPO.resolve("deploy/k8s/overlays").resolve(overlay);
        Process kubectl;
        try {
            kubectl = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("kubectl is needed to render the manifests (deploy/local/test installs it): "
                    + e.getMessage(), e);
        }
        String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
            throw new AssertionError("kubectl kustomize " + dir + " failed:\n" + output);
        }
        return output;
    }

    /** The objects of rendered YAML, typed where Kubernetes' model knows the kind. */
    @SuppressWarnings("unchecked")
    static List<HasMetadata> objects(String yaml) {
        Object parsed = SERIALIZATION.unmarshal(yaml);
        return parsed instanceof List<?> list ? (List<HasMetadata>) list : List.of((HasMetadata) parsed);
    }

    /** A service's own ConfigMap (generated, so with a hash), as its Deployment names it beside drip-common. */
    static ConfigMap serviceConfig(List<HasMetadata> objects, Deployment deployment) {
        Container app = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        Set<String> referenced = new TreeSet<>();
        app.getEnvFrom().stream().filter(e -> e.getConfigMapRef() != null).forEach(e -> referenced.add(e.getConfigMapRef().getName()));
        referenced.remove("drip-common");
        return objects.stream().filter(o -> o instanceof ConfigMap && referenced.contains(o.getMetadata().getName()))
                .map(o -> (ConfigMap) o).findFirst().orElseThrow();
    }
}
