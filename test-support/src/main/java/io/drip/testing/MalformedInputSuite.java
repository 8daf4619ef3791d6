package io.drip.testing;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A service's part of the malformed-input catalogue (issue 19): a {@code @QuarkusTest} subclass
 * in the service's module runs every case of its src/test/resources/malformed-input.json, each of
 * which gets its specific 4xx naming what was wrong and where, or lands in the topic's .dlq with
 * the reason, and nothing of it is applied.
 */
public abstract class MalformedInputSuite {

    @TestFactory
    Stream<DynamicTest> everyCaseIsRefusedWithWhatAndWhere() {
        MalformedInputCatalogue catalogue = MalformedInputCatalogue.load("malformed-input.json");
        return catalogue.tests();
    }
}
