package io.drip.journey;

import io.drip.testing.MalformedInputSuite;
import io.quarkus.test.junit.QuarkusTest;

/** journey-service's cases of the malformed-input catalogue: src/test/resources/malformed-input.json. */
@QuarkusTest
class MalformedInputTest extends MalformedInputSuite {
}
