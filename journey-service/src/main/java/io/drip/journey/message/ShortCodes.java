package io.drip.journey.message;

import java.security.SecureRandom;

/**
 * Random short-link codes: 12 base-62 characters from a CSPRNG, about 71 bits, so that a random
 * guess hits one of even 10^10 live codes with probability below 10^-11 (DESIGN.md, invariant 8).
 */
public final class ShortCodes {
    public static final int LENGTH = 12;
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
