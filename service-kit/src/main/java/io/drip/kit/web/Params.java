package io.drip.kit.web;

/**
 * Numeric query parameters read by hand: JAX-RS answers a value it cannot convert
 * ({@code ?limit=all}) with a bare 404, as if the resource were not there; these answer 400 naming
 * the parameter.
 */
public final class Params {

    private Params() {
    }

    /** The whole number {@code value} of parameter {@code name}; {@code absent} when it is not given. */
    public static Integer integer(String name, String value, Integer absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(name, name + " must be a whole number, got '" + value + "'");
        }
    }
}
