package io.drip.demo.shop;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.contracts.SegmentMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Segment messages of one shopper, as an e-commerce backend makes them. Message ids are
 * derived from the shopper's id and a counter, so a retried call is deduplicated by Drip.
 */
public final class StoreEvents {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final Shopper shopper;
    private final AtomicInteger sequence = new AtomicInteger();

    public StoreEvents(Shopper shopper) {
        this.shopper = shopper;
    }

    public SegmentMessage identify(ObjectNode traits) {
        return message(SegmentMessage.IDENTIFY, null, null, null, traits);
    }

    /** The traits a new shopper signs up with. */
    public ObjectNode signUpTraits() {
        return JSON.objectNode().put("phone", shopper.phone()).put("first_name", shopper.firstName())
                .put("timezone", shopper.timezone()).put("country", shopper.region()).put("orders_count", 0);
    }

    public SegmentMessage track(String event, ObjectNode properties) {
        return message(SegmentMessage.TRACK, event, null, properties, null);
    }

    public SegmentMessage page(String name, ObjectNode properties) {
        return message(SegmentMessage.PAGE, null, name, properties, null);
    }

    public static ObjectNode properties() {
        return JSON.objectNode();
    }

    private SegmentMessage message(String type, String event, String name, ObjectNode properties, ObjectNode traits) {
        String messageId = UUID.nameUUIDFromBytes((shopper.id() + "/" + sequence.incrementAndGet())
                .getBytes(StandardCharsets.UTF_8)).toString();
        return new SegmentMessage(type, messageId, shopper.id(), null, event, name, properties, traits, null,
                Instant.now(), null, null);
    }
}
