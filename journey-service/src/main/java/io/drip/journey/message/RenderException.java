package io.drip.journey.message;

/** A template that cannot be rendered for one contact (e.g. a variable it has no value for). */
public class RenderException extends Exception {
    public RenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
