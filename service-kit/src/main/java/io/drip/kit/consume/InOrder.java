package io.drip.kit.consume;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Function;

/** Runs an asynchronous action on each item, one after the other, in list order (one transaction's statements). */
public final class InOrder {

    private InOrder() {
    }

    public static <T> Uni<Void> each(List<T> items, Function<T, Uni<Void>> action) {
        return Multi.createFrom().iterable(items).onItem().<Void>transformToUniAndConcatenate(action::apply)
                .collect().asList().replaceWithVoid();
    }
}
