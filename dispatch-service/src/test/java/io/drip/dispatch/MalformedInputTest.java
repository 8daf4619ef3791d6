package io.drip.dispatch;

import io.drip.testing.MalformedInputSuite;
import io.quarkus.test.junit.QuarkusTest;

/** dispatch-service's cases of the malformed-input catalogue: src/test/resources/malformed-input.json. */
@QuarkusTest
class MalformedInputTest extends MalformedInputSuite {
}
