package io.drip.kit.outbox;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The W3C {@code traceparent} of the current span, kept with an outbox row, and back: the relay
 * publishes long after the writing transaction, on its own thread, where that trace is no longer
 * current.
 */
final class TraceContext {
    private static final String TRACEPARENT = "traceparent";
    private static final TextMapGetter<String> HEADER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String traceparent) {
            return List.of(TRACEPARENT);
        }

        @Override
        public String get(String traceparent, String key) {
            return TRACEPARENT.equals(key) ? traceparent : null;
        }
    };

    private TraceContext() {
    }

    /** The traceparent of the current span; null outside any trace. */
    static String current() {
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** The trace context a stored traceparent names. */
    static Context of(String traceparent) {
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, HEADER);
    }
}
