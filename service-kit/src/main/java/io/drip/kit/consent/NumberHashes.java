package io.drip.kit.consent;

import io.smallrye.config.ConfigMapping;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key under which a suppression list holds a phone number: HMAC-SHA256 of its E.164 form
 * with a secret key. The list keeps no number, so erasure need not touch it, and without the
 * key its entries cannot be turned back into numbers by trying every number of a plan.
 */
@Singleton
public class NumberHashes {

    /** {@code drip.suppression.*}. */
    @ConfigMapping(prefix = "drip.suppression")
    public interface Config {
        /** The HMAC key; changing it forgets every entry of the lists. */
        String key();
    }

    private final SecretKeySpec key;

    public NumberHashes(Config config) {
        key = new SecretKeySpec(config.key().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public byte[] of(String e164) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(e164.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
