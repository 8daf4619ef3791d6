package io.drip.kit.holdout;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The global holdout (docs/sending.md): a share of contacts that gets no marketing message from
 * any journey, so the lift of all marketing can be measured against them. A contact is held out
 * when its draw, HMAC-SHA256(key, contact id) read as a number in [0, 1), is below the share:
 * the same in every service and after every restart, unguessable without the key, and raising
 * the share only adds contacts to the holdout. dispatch-service enforces it, contact-service
 * reports the lift; both must be configured alike.
 */
@Singleton
public class GlobalHoldout {
    /** 2^-53: the 53 high bits of the HMAC as a double in [0, 1). */
    private static final double UNIT = 0x1.0p-53;

    /** {@code drip.holdout.*} (env DRIP_HOLDOUT_SHARE, DRIP_HOLDOUT_KEY). */
    @ConfigMapping(prefix = "drip.holdout")
    public interface Config {
        /** The share of contacts held out, from 0 (none) to 1; a few per cent is usual. */
        @WithDefault("0")
        double share();

        /** The HMAC key of the draw; a new key draws a new holdout, so set it once and keep it. */
        @WithDefault("drip-development-only-holdout-key")
        String key();
    }

    private final double share;
    private final SecretKeySpec key;

    public GlobalHoldout(Config config) {
        if (!(config.share() >= 0 && config.share() <= 1)) {
            throw new IllegalArgumentException("drip.holdout.share is a share between 0 and 1, got " + config.share());
        }
        share = config.share();
        key = new SecretKeySpec(config.key().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public double share() {
        return share;
    }

    /** Whether the contact is in the global holdout. */
    public boolean holdsOut(String contactId) {
        return share > 0 && draw(contactId) < share;
    }

    /** The contact's draw in [0, 1). */
    double draw(String contactId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            long bits = ByteBuffer.wrap(mac.doFinal(contactId.getBytes(StandardCharsets.UTF_8))).getLong();
            return (bits >>> 11) * UNIT;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
