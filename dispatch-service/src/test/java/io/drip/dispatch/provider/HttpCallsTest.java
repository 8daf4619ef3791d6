package io.drip.dispatch.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.vertx.core.net.PfxOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How a call that got no answer is classified, on failures a real HTTP client raises: where the
 * request cannot have left (no such host, a refused connection, a failed TLS handshake) the
 * message is retried; where it may have reached the provider (no answer in time) it is not.
 */
class HttpCallsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static Vertx vertx;
    private static WebClient client;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5000));
    }

    @AfterAll
    static void stop() {
        vertx.closeAndAwait();
    }

    private static ProviderException.Kind kindOfFailedCall(String url) {
        Throwable failure = client.postAbs(url).send().onItem().<Throwable>transform(answer -> null)
                .onFailure().recoverWithItem(f -> f).await().atMost(WAIT);
        return assertInstanceOf(ProviderException.class, HttpCalls.failure(failure)).kind();
    }

    @Test
    void aNameThatDoesNotResolveSentNothing() {
        assertEquals(ProviderException.Kind.TRANSIENT, kindOfFailedCall("https://sms.drip-test.invalid/messages"));
    }

    @Test
    void aRefusedConnectionSentNothing() {
        // a port nothing listens on: bind one, close it, call it
        HttpServer server = vertx.createHttpServer().requestHandler(r -> r.response().endAndForget())
                .listenAndAwait(0, "127.0.0.1");
        int port = server.actualPort();
        server.closeAndAwait();
        assertEquals(ProviderException.Kind.TRANSIENT, kindOfFailedCall("http://127.0.0.1:" + port + "/messages"));
    }

    @Test
    void aFailedTlsHandshakeSentNothing() throws Exception {
        // a gateway whose certificate no one trusts: the handshake fails before the request is written
        Path keyStore = selfSignedKeyStore();
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setSsl(true)
                        .setKeyCertOptions(new PfxOptions().setPath(keyStore.toString()).setPassword(PASSWORD)))
                .requestHandler(r -> r.response().endAndForget()).listenAndAwait(0, "127.0.0.1");
        try {
            assertEquals(ProviderException.Kind.TRANSIENT,
                    kindOfFailedCall("https://127.0.0.1:" + server.actualPort() + "/messages"));
        } finally {
            server.closeAndAwait();
        }
    }

    private static final String PASSWORD = "changeit";

    /** A key and self-signed certificate made by the JDK's own keytool (no extra crypto library). */
    private static Path selfSignedKeyStore() throws Exception {
        Path keyStore = Files.createTempDirectory("gateway").resolve("gateway.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keyalg", "EC", "-alias", "gateway", "-dname", "CN=127.0.0.1", "-validity", "1",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD)
                .inheritIO().start();
        assertEquals(0, keytool.waitFor());
        return keyStore;
    }

    @Test
    void noAnswerInTimeMayHaveBeenTaken() {
        // the gateway reads the request and never answers
        HttpServer server = vertx.createHttpServer().requestHandler(r -> { }).listenAndAwait(0, "127.0.0.1");
        try {
            Throwable failure = client.postAbs("http://127.0.0.1:" + server.actualPort() + "/messages").timeout(500)
                    .send().onItem().<Throwable>transform(answer -> null).onFailure().recoverWithItem(f -> f)
                    .await().atMost(WAIT);
            assertEquals(ProviderException.Kind.UNKNOWN,
                    assertInstanceOf(ProviderException.class, HttpCalls.failure(failure)).kind());
        } finally {
            server.closeAndAwait();
        }
    }
}
