package io.drip.contact;

import io.drip.testing.MalformedInputCatalogue;
import io.quarkus.test.junit.QuarkusTest;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * contact-service's part of the malformed-input catalogue (issue 19): every case of
 * src/test/resources/malformed-input.json gets its specific 4xx naming what was wrong and where,
 * or lands in the topic's .dlq with the reason, and nothing of it is applied.
 */
@QuarkusTest
class MalformedInputTest {
    private static final MalformedInputCatalogue CATALOGUE = MalformedInputCatalogue.load("malformed-input.json");

    @TestFactory
    Stream<DynamicTest> everyCaseIsRefusedWithWhatAndWhere() {
        return CATALOGUE.tests();
    }
}
