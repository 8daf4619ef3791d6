package io.drip.contracts;

/** A record that cannot be read as the message its topic carries; it belongs in the DLQ. */
public class MalformedMessageException extends RuntimeException {
    public MalformedMessageException(String message) {
        super(message);
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
