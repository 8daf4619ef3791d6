package io.drip.kit.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    /** A handler whose groups end when the test says so. */
    private static final class HeldHandler {
        final List<List<String>> groups = new ArrayList<>();
        final List<UniEmitter<? super List<String>>> pending = new ArrayList<>();

        Uni<List<String>> handle(List<String> group) {
            groups.add(group);
            return Uni.createFrom().emitter(pending::add);
        }

        void answer(int group) {
            pending.get(group).complete(groups.get(group).stream().map(String::toUpperCase).toList());
        }
    }

    @Test
    void aRequestAloneIsHandledAtOnce() {
        GroupCommit<String, String> commit = new GroupCommit<>(10, group -> Uni.createFrom().item(
                group.stream().map(s -> s + "!").toList()));
        assertEquals("a!", commit.submit("a").await().indefinitely());
    }

    @Test
    void requestsMadeWhileAGroupIsHandledFormTheNextGroup() {
        HeldHandler handler = new HeldHandler();
        GroupCommit<String, String> commit = new GroupCommit<>(10, handler::handle);
        CompletableFuture<String> a = commit.submit("a").subscribeAsCompletionStage();
        CompletableFuture<String> b = commit.submit("b").subscribeAsCompletionStage();
        CompletableFuture<String> c = commit.submit("c").subscribeAsCompletionStage();
        assertEquals(List.of(List.of("a")), handler.groups);

        handler.answer(0);
        assertEquals("A", a.join());
        assertEquals(List.of(List.of("a"), List.of("b", "c")), handler.groups);
        handler.answer(1);
        assertEquals("B", b.join());
        assertEquals("C", c.join());
    }

    @Test
    void aGroupHoldsAtMostMaxGroupRequests() {
        HeldHandler handler = new HeldHandler();
        GroupCommit<String, String> commit = new GroupCommit<>(2, handler::handle);
        List.of("a", "b", "c", "d", "e", "f").forEach(s -> commit.submit(s).subscribeAsCompletionStage());
        handler.answer(0);
        handler.answer(1);
        handler.answer(2);
        assertEquals(List.of(List.of("a"), List.of("b", "c"), List.of("d", "e"), List.of("f")), handler.groups);
    }

    @Test
    void aFailedGroupFailsItsRequestsAndTheNextGroupIsStillHandled() {
        List<List<String>> groups = new ArrayList<>();
        GroupCommit<String, String> commit = new GroupCommit<>(10, group -> {
            groups.add(group);
            return group.contains("bad") ? Uni.createFrom().failure(new IllegalStateException("refused"))
                    : Uni.createFrom().item(group);
        });
        Throwable failure = commit.submit("bad").onItemOrFailure().transform((item, error) -> error)
                .await().indefinitely();
        assertInstanceOf(IllegalStateException.class, failure);
        assertEquals("good", commit.submit("good").await().indefinitely());
        assertEquals(List.of(List.of("bad"), List.of("good")), groups);
    }

    @Test
    void aHandlerThatThrowsOrAnswersTheWrongCountFailsTheGroup() {
        GroupCommit<String, String> throwing = new GroupCommit<>(10, group -> {
            throw new IllegalArgumentException("cannot");
        });
        assertInstanceOf(IllegalArgumentException.class, throwing.submit("a").onItemOrFailure()
                .transform((item, error) -> error).await().indefinitely());

        GroupCommit<String, String> wrongCount = new GroupCommit<>(10, group -> Uni.createFrom().item(List.of()));
        Throwable failure = wrongCount.submit("a").onItemOrFailure().transform((item, error) -> error).await().indefinitely();
        assertInstanceOf(IllegalStateException.class, failure);
        assertNull(wrongCount.submit("b").onFailure().recoverWithNull().await().indefinitely());
    }
}
