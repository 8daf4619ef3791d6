package io.drip.contact.imports;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.drip.contact.consent.Consent;
import io.drip.contracts.MessageJson;
import io.drip.kit.clock.TimeZones;
import io.drip.kit.web.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads contact rows from a CSV stream (Jackson CSV, one row in memory at a time). The header
 * names the columns: {@code id} (required), {@code consent.<channel>.<category>} (opted_in,
 * opted_out or empty), every other column a trait (an empty cell leaves the trait as it is).
 */
final class CsvRows {
    static final String ID = "id";
    private static final String CONSENT = "consent.";
    private static final int MAX_ID_LENGTH = 200;
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    private CsvRows() {
    }

    /** Calls {@code rows} for every valid row and {@code errors} for every other, in file order. */
    static void read(InputStream csv, Consumer<ImportRow> rows, Consumer<ImportReport.RowError> errors) {
        try (MappingIterator<Map<String, String>> iterator = MAPPER.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(csv)) {
            List<String> columns = header(iterator);
            while (true) {
                long line = 0;
                try {
                    if (!iterator.hasNextValue()) {
                        break;
                    }
                    line = line(iterator.getCurrentLocation());
                    Map<String, String> cells = iterator.nextValue();
                    row(line, cells, columns, rows, errors);
                } catch (JsonProcessingException e) {
                    errors.accept(new ImportReport.RowError(line, null, "not a well-formed CSV row: " + e.getOriginalMessage()));
                } catch (RuntimeJsonMappingException e) {
                    errors.accept(new ImportReport.RowError(line, null, "not a well-formed CSV row: " + reason(e)));
                }
            }
        } catch (JsonProcessingException e) {
            // rows catch their own errors: this is the header
            throw new InvalidRequestException("id", "the first line must be a header naming the columns, one of them \"id\": "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("the CSV could not be read", e);
        }
    }

    private static String reason(RuntimeJsonMappingException e) {
        return e.getCause() instanceof JsonProcessingException cause ? cause.getOriginalMessage() : e.getMessage();
    }

    private static List<String> header(MappingIterator<Map<String, String>> iterator) throws IOException {
        iterator.hasNextValue(); // reads the header
        CsvSchema schema = (CsvSchema) iterator.getParserSchema();
        if (schema == null || schema.column(ID) == null) {
            throw new InvalidRequestException("id", "the first line must be a header naming the columns, one of them \"id\"");
        }
        Set<String> seen = new HashSet<>();
        for (String column : schema.getColumnNames()) {
            if (!seen.add(column)) {
                // which of the two cells would win is an accident of the parser
                throw new InvalidRequestException(column, "the header names the column '" + column + "' twice");
            }
            String[] parts = column.split("\\.");
            if (column.startsWith(CONSENT) && (parts.length != 3 || !Consent.CHANNELS.contains(parts[1])
                    || !Consent.CATEGORIES.contains(parts[2]))) {
                throw new InvalidRequestException(column, "a consent column is consent.<channel>.<category> with channel in "
                        + Consent.CHANNELS + " and category in " + Consent.CATEGORIES + ", e.g. consent.sms.marketing");
            }
        }
        return schema.getColumnNames();
    }

    private static long line(JsonLocation location) {
        return location == null ? 0 : location.getLineNr();
    }

    private static void row(long line, Map<String, String> cells, List<String> columns, Consumer<ImportRow> rows,
            Consumer<ImportReport.RowError> errors) {
        String id = cells.get(ID);
        if (id == null || id.isBlank()) {
            errors.accept(new ImportReport.RowError(line, ID, "the contact id is empty"));
            return;
        }
        if (id.length() > MAX_ID_LENGTH) {
            errors.accept(new ImportReport.RowError(line, ID, "the contact id is longer than " + MAX_ID_LENGTH + " characters"));
            return;
        }
        ObjectNode traits = MessageJson.mapper().createObjectNode();
        Map<String, String> consent = new HashMap<>();
        for (String column : columns) {
            String value = cells.get(column);
            if (column.equals(ID) || value == null || value.isEmpty()) {
                continue;
            }
            if (column.startsWith(CONSENT)) {
                String decision = consent(line, column, value, errors);
                if (decision == null) {
                    return;
                }
                consent.put(column.substring(CONSENT.length()), decision);
            } else if (column.equals("timezone") && !TimeZones.isZone(value)) {
                errors.accept(new ImportReport.RowError(line, column, TimeZones.notAZone(value)));
                return;
            } else {
                traits.put(column, value);
            }
        }
        rows.accept(new ImportRow(line, id, traits, consent));
    }

    private static String consent(long line, String column, String value, Consumer<ImportReport.RowError> errors) {
        if (!value.equals(Consent.OPTED_IN) && !value.equals(Consent.OPTED_OUT)) {
            errors.accept(new ImportReport.RowError(line, column, "'" + value + "' is not opted_in, opted_out or empty"));
            return null;
        }
        return value;
    }
}
