package io.drip.kit.web;

/** A request the client must fix: answered 400 with what was wrong and where. */
public class InvalidRequestException extends RuntimeException {
    private final String field;

    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** JSON pointer or parameter name of the offending value; null when not about one field. */
    public String field() {
        return field;
    }
}
