package io.drip.console.api;

/**
 * A service's API refused or failed a call: its status and the message it gave, shown as is;
 * for an invalid journey also the line and column of the problem (0 when the API named none).
 */
public class ApiFailure extends RuntimeException {
    private final int status;
    private final int line;
    private final int column;

    public ApiFailure(int status, String message) {
        this(status, message, 0, 0);
    }

    public ApiFailure(int status, String message, int line, int column) {
        super(message);
        this.status = status;
        this.line = line;
        this.column = column;
    }

    public int status() {
        return status;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
