package io.drip.journey.message;

import java.security.SecureRandom;

/**
 * Random short-link codes: 10 base-62 characters from a CSPRNG (62^10 = 8.4e17, about 59.5 bits),
 * short enough for SMS. A random guess hits one of L live codes with probability L / 8.4e17, below
 * 1e-9 (DESIGN.md, invariant 8) while L stays under 8.4e8; tracking expires links (90 days by
 * default), which keeps L at the links of the last 90 days (docs/tracking.md).
 */
public final class ShortCodes {
    public static final int LENGTH = 10;
    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ShortCodes() {
    }

    public static String next() {
        char[] code = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            code[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(code);
    }
}
