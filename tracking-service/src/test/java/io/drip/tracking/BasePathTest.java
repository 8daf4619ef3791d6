package io.drip.tracking;

import static io.drip.tracking.Sends.IPHONE;
import static io.drip.tracking.Sends.awaitRegistered;
import static io.drip.tracking.Sends.code;
import static io.drip.tracking.Sends.noRedirects;
import static io.drip.tracking.Sends.produce;
import static io.drip.tracking.Sends.viewer;
import static io.drip.tracking.Sends.withLink;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A short domain with a path ({@code https://s.shop.example/r/{code}}): the redirect answers under that path only. */
@QuarkusTest
@TestProfile(BasePathTest.ShortDomainWithPath.class)
class BasePathTest {

    public static class ShortDomainWithPath implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("drip.tracking.base-url", "https://s.shop.example/r");
        }
    }

    @Test
    void linksAreAnsweredAndNamedUnderTheConfiguredPath() {
        String code = code();
        produce(withLink("c-" + UUID.randomUUID(), code, "https://shop.example/cart", Instant.now(), false));
        awaitRegistered(code);
        viewer().get("/v1/links/" + code).then().statusCode(200)
                .body("shortUrl", equalTo("https://s.shop.example/r/" + code));
        noRedirects().header("User-Agent", IPHONE).get("/r/" + code).then().statusCode(302)
                .header("Location", "https://shop.example/cart");
        noRedirects().header("User-Agent", IPHONE).get("/" + code).then().statusCode(404)
                .header("Location", (String) null);
    }
}
