package io.drip.contact.imports;

import java.util.List;

/**
 * What an import did: {@code rows} read, {@code failed} of them not imported ({@code errors}
 * lists the first {@link #MAX_ERRORS}); contacts {@code created}, {@code updated}, or
 * {@code unchanged} because they already held what the file says (a re-run of the same file
 * changes nothing). Contacts are counted per chunk of rows (1000): an id on rows far apart in a
 * file may count twice.
 */
public record ImportReport(String importId, long rows, long created, long updated, long unchanged, long failed,
        List<RowError> errors, boolean errorsTruncated, double seconds, long rowsPerSecond) {
    public static final int MAX_ERRORS = 1000;

    /** A row not imported: where and why. */
    public record RowError(long line, String field, String message) {
    }
}
