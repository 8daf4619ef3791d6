package io.drip.kit.web;

/** A request or a message in it over Segment's size limits: answered 413 with what and where. */
public class PayloadTooLargeException extends RuntimeException {
    private final String field;

    public PayloadTooLargeException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** JSON pointer of the message that is too large; null when the whole body is. */
    public String field() {
        return field;
    }
}
