package io.drip.console.api;

/** A service's API refused or failed a call: its status and the message it gave, shown as is. */
public class ApiFailure extends RuntimeException {
    private final int status;

    public ApiFailure(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
