package io.drip.kit.work;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Handles concurrent requests in groups, one group at a time: a request made while a group is
 * being handled waits for the next group, which takes every request made meanwhile (up to
 * {@code maxGroup}). Under load many requests share one statement and one commit; a request made
 * alone is handled at once. The handler answers a group with one result per request, in the
 * group's order; when it fails, every request of the group fails with it.
 */
public final class GroupCommit<T, R> {
    private final int maxGroup;
    private final Function<List<T>, Uni<List<R>>> handler;
    private final Queue<Request<T, R>> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean handling = new AtomicBoolean();

    private record Request<T, R>(T item, UniEmitter<? super R> answer) {
    }

    public GroupCommit(int maxGroup, Function<List<T>, Uni<List<R>>> handler) {
        if (maxGroup < 1) {
            throw new IllegalArgumentException("a group holds at least one request, not " + maxGroup);
        }
        this.maxGroup = maxGroup;
        this.handler = handler;
    }

    /** The request's result, once the group it joins has been handled. */
    public Uni<R> submit(T item) {
        return Uni.createFrom().emitter(answer -> {
            waiting.add(new Request<>(item, answer));
            handleWaiting();
        });
    }

    private void handleWaiting() {
        if (!handling.compareAndSet(false, true)) {
            return;
        }
        List<Request<T, R>> group = new ArrayList<>();
        for (Request<T, R> request = waiting.poll(); request != null; request = group.size() < maxGroup ? waiting.poll() : null) {
            group.add(request);
        }
        if (group.isEmpty()) {
            handling.set(false);
            if (!waiting.isEmpty()) {
                handleWaiting(); // one came after the poll and before the flag was cleared
            }
            return;
        }
        Uni<List<R>> handled;
        try {
            handled = handler.apply(group.stream().map(Request::item).toList());
        } catch (RuntimeException e) {
            handled = Uni.createFrom().failure(e);
        }
        handled.subscribe().with(results -> {
            if (results.size() != group.size()) {
                failAll(group, new IllegalStateException(results.size() + " results for a group of " + group.size()));
            } else {
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).answer().complete(results.get(i));
                }
            }
            handled();
        }, failure -> {
            failAll(group, failure);
            handled();
        });
    }

    private void failAll(List<Request<T, R>> group, Throwable failure) {
        group.forEach(request -> request.answer().fail(failure));
    }

    private void handled() {
        handling.set(false);
        handleWaiting();
    }
}
