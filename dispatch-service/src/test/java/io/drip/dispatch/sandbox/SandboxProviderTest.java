package io.drip.dispatch.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.drip.dispatch.provider.Accepted;
import io.drip.dispatch.provider.Submission;
import io.drip.dispatch.text.SmsText;
import io.drip.testing.Rows;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Calls made together are taken with one statement, each as it would be alone. */
@QuarkusTest
class SandboxProviderTest {

    @Inject
    SandboxProvider sandbox;

    @Inject
    Pool pool;

    private static Submission submission(String messageId, String text, List<String> media) {
        return new Submission(messageId, "+31612345678", SmsText.of(text), media);
    }

    private CompletableFuture<Accepted> submit(Submission submission) {
        return sandbox.submit(submission).subscribeAsCompletionStage();
    }

    private static String providerId(CompletableFuture<Accepted> call) {
        return call.orTimeout(10, TimeUnit.SECONDS).join().providerMessageId();
    }

    @Test
    void callsMadeTogetherAreEachTakenOnceInTheirOrderWithTheirTextAndMedia() {
        String first = "m-" + UUID.randomUUID();
        String second = "m-" + UUID.randomUUID();
        String mms = "m-" + UUID.randomUUID();
        List<String> media = List.of("https://shop.example/a.jpg", "https://shop.example/b,c.png");

        // made at once: at most the first waits alone, the others share the next statement
        var calls = List.of(submit(submission(first, "first", List.of())), submit(submission(second, "second", List.of())),
                submit(submission(first, "first again", List.of())), submit(submission(mms, "look", media)));

        String firstId = providerId(calls.get(0));
        assertEquals(firstId, providerId(calls.get(2)), "a second call for a message gets the id of the first");
        assertNotEquals(firstId, providerId(calls.get(1)));
        assertEquals(firstId, Rows.of(pool, "select id from sandbox_message where message_id = $1", first).get(0).getString("id"));
        assertEquals("first", Rows.of(pool, "select text from sandbox_message where message_id = $1", first).get(0).getString("text"),
                "the inbox keeps the first call");
        assertEquals(2, Rows.count(pool, "select count(*) from sandbox_submission where message_id = $1", first),
                "every call is logged");
        var stored = Rows.of(pool, "select id, media, status from sandbox_message where message_id = $1", mms).get(0);
        assertEquals(providerId(calls.get(3)), stored.getString("id"));
        assertEquals(media, List.of(stored.getArrayOfStrings("media")));
        assertEquals("sent", stored.getString("status"));
        assertNull(Rows.of(pool, "select media from sandbox_message where message_id = $1", second).get(0)
                .getArrayOfStrings("media"), "an SMS has no media");

        String later = sandbox.submit(submission(second, "second again", List.of())).await().atMost(Duration.ofSeconds(10))
                .providerMessageId();
        assertEquals(providerId(calls.get(1)), later, "a call after the message was taken gets its id too");
    }
}
