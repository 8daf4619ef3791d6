package io.drip.kit.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How Drip signs the HTTP requests it makes and checks those it receives from a party that shares
 * a secret with it: header {@code X-Drip-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "."
 * + body)>} with {@code X-Drip-Timestamp: <unix seconds>}. The timestamp is signed too, and a
 * request older than {@link #TOLERANCE} is refused, so a captured request cannot be replayed
 * later. The generic HTTP SMS provider's requests and callbacks (docs/sending.md) and the
 * journeys' webhook calls (docs/journeys.md) are signed this way.
 */
public final class HmacSignature {
    public static final String SIGNATURE_HEADER = "X-Drip-Signature";
    public static final String TIMESTAMP_HEADER = "X-Drip-Timestamp";
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private HmacSignature() {
    }

    /** {@code sha256=<hex>} of {@code timestamp + "." + body}. */
    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Whether a request is signed with the secret and recent; constant-time comparison. */
    public static boolean valid(String secret, String timestamp, String body, String signature, Instant now) {
        if (timestamp == null || signature == null || !timestamp.matches("\\d{1,12}")) {
            return false;
        }
        long seconds = Long.parseLong(timestamp);
        if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, seconds, body).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
