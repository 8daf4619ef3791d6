package io.drip.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs deploy/k8s/validate (Node): each object checked against the JSON schema of its kind as
 * published in the kubernetes-models packages (Kubernetes, Strimzi, CloudNativePG, KEDA,
 * prometheus-operator), installed once from the npm registry into target/.
 */
final class OperatorSchemas {
    private static final Path SOURCE = Manifests.REPO.resolve("deploy/k8s/validate");
    private static final Path WORK = Manifests.REPO.resolve("deploy-tests/target/k8s-validate");

    private OperatorSchemas() {
    }

    /** The validator's report; {@code ok} when it found no problem. */
    record Report(boolean ok, String output) {
    }

    static Report check(String yaml) throws IOException, InterruptedException {
        install();
        Process node = new ProcessBuilder("node", "validate.mjs").directory(WORK.toFile()).redirectErrorStream(true)
                .start();
        node.getOutputStream().write(yaml.getBytes(StandardCharsets.UTF_8));
        node.getOutputStream().close();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!node.waitFor(120, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            throw new AssertionError("the schema check did not finish in 2 minutes:\n" + output);
        }
        return new Report(node.exitValue() == 0, output);
    }

    private static synchronized void install() throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "package-lock.json", "validate.mjs")) {
            Files.copy(SOURCE.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.isDirectory(WORK.resolve("node_modules/kubernetes-models"))) {
            return;
        }
        Process npm;
        try {
            npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error").directory(WORK.toFile())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("Node.js and npm are needed for the schema check: " + e.getMessage(), e);
        }
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            throw new AssertionError("npm ci in " + WORK + " failed:\n" + output);
        }
    }
}
