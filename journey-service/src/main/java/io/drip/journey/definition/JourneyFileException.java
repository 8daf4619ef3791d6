package io.drip.journey.definition;

/** A journey file that cannot be used, with the place of the problem: file, line and column. */
public class JourneyFileException extends RuntimeException {
    private final String file;
    private final int line;
    private final int column;

    public JourneyFileException(String file, int line, int column, String problem) {
        super(file + ":" + line + ":" + column + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
