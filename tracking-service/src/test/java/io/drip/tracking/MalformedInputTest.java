package io.drip.tracking;

import io.drip.testing.MalformedInputSuite;
import io.quarkus.test.junit.QuarkusTest;

/** tracking-service's cases of the malformed-input catalogue: src/test/resources/malformed-input.json. */
@QuarkusTest
class MalformedInputTest extends MalformedInputSuite {
}
