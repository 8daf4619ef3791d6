package io.drip.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.testing.TopicProbe;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service started from its built jar as a separate process, as deploy/local runs it. */
final class ServiceProcess implements AutoCloseable {
    private final String name;
    private final int managementPort;
    private final Path log;
    private final Process process;

    private ServiceProcess(String name, int managementPort, Path log, Process process) {
        this.name = name;
        this.managementPort = managementPort;
        this.log = log;
        this.process = process;
    }

    /** What every service needs here: the test broker, its database, its ports (management: HTTP + 100) and consumer group. */
    static Map<String, String> environment(String database, int httpPort, String group) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", TopicProbe.bootstrapServers());
        env.put("DRIP_DB_NAME", database);
        env.put("DRIP_HTTP_PORT", String.valueOf(httpPort));
        env.put("DRIP_MANAGEMENT_PORT", String.valueOf(httpPort + 100));
        env.put("DRIP_KAFKA_GROUP", group);
        return env;
    }

    static ServiceProcess start(Path repo, String name, int managementPort, Map<String, String> env) throws IOException {
        Path jar = repo.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.exists(jar), jar + " is missing: build the services first (./mvnw package)");
        // one log per process: replicas of one service run side by side
        Path log = repo.resolve("e2e-tests/target/e2e-logs/" + name + "-" + managementPort + ".log");
        Files.createDirectories(log.getParent());
        // the quick JIT alone: a service here lives a minute or two, and C2's compiling is CPU the
        // other processes of the test need
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return new ServiceProcess(name, managementPort, log, builder.start());
    }

    /** Waits until the readiness check (Kafka and PostgreSQL included) answers UP. */
    void awaitReady(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                if (health("ready").statusCode() == 200) {
                    return;
                }
            } catch (Exception notListeningYet) {
                // the management port opens a moment after the JVM starts
            }
            Thread.sleep(250);
        }
        throw new AssertionError(name + " not ready within " + timeout + ":\n" + logTail());
    }

    Response health(String kind) {
        return RestAssured.given().baseUri("http://127.0.0.1:" + managementPort).get("/q/health/" + kind);
    }

    /** Stops the service with SIGTERM, as Kubernetes does, and returns its log. */
    String stopGracefully(Duration timeout) throws Exception {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not stop within " + timeout + " of SIGTERM");
        }
        return Files.readString(log);
    }

    /** Kills the service with SIGKILL, as a crash or the OOM killer would, and waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    String logTail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Stops it as an orchestrator does (SIGTERM): it leaves its consumer groups before it ends. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
