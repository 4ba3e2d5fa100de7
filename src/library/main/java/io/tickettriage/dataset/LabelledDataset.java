package io.tickettriage.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickettriage.classify.TagSet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A labelled ticket export read from CSV (RFC 4180 with a header row; quoted fields may span lines) or JSON Lines,
 * optionally gzip-compressed ({@code .csv}, {@code .csv.gz}, {@code .jsonl}, {@code .jsonl.gz}).
 *
 * @param source  where the tickets came from (a file name), for messages and reports
 * @param tickets the rows that were read
 * @param skipped rows left out because a label was empty (only when asked to skip them)
 */
public record LabelledDataset(String source, List<LabelledTicket> tickets, int skipped) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public LabelledDataset {
        tickets = List.copyOf(tickets);
    }

    /**
     * A hash of the tickets as read: subjects, bodies and labels, in order. It identifies data that has no file to
     * hash (tickets read from a help desk); the same tickets give the same hash whatever their source's format.
     */
    public String sha256() {
        MessageDigest digest = DigestUtils.getSha256Digest();
        for (LabelledTicket ticket : tickets) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("subject", ticket.subject());
            row.put("body", ticket.body());
            row.put("labels", new TreeMap<>(ticket.labels()));
            try {
                digest.update(JSON.writeValueAsBytes(row));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a ticket of strings cannot fail to serialise", e);
            }
            digest.update((byte) '\n');
        }
        return Hex.encodeHexString(digest.digest());
    }

    /**
     * @param skipUnlabelled leave out rows with an empty label instead of failing on the first one
     */
    public static LabelledDataset read(Path file, DataColumns columns, boolean skipUnlabelled) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean gzip = name.endsWith(".gz");
        String plain = gzip ? name.substring(0, name.length() - 3) : name;
        Rows rows = new Rows(file, columns, skipUnlabelled);
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = gzip ? new GZIPInputStream(raw) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            if (plain.endsWith(".csv")) {
                readCsv(reader, rows);
            } else if (plain.endsWith(".jsonl") || plain.endsWith(".ndjson")) {
                readJsonLines(reader, rows);
            } else {
                throw new DatasetException(file + ": unknown format; use .csv or .jsonl (optionally .gz)");
            }
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + " does not exist");
        } catch (IOException | UncheckedIOException e) {
            throw new DatasetException(file + " cannot be read: " + e.getMessage());
        }
        if (rows.tickets.isEmpty()) {
            throw new DatasetException(file + " has no labelled tickets" + (rows.skipped > 0
                    ? " (" + rows.skipped + " rows had an empty label)" : ""));
        }
        return new LabelledDataset(file.toString(), rows.tickets, rows.skipped);
    }

    private static void readCsv(BufferedReader reader, Rows rows) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).build();
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            if (parser.getHeaderNames().isEmpty()) {
                throw new DatasetException(rows.file + " is empty: a CSV export needs a header row and rows");
            }
            rows.requireColumns(parser.getHeaderNames());
            for (CSVRecord record : parser) {
                rows.add(record.getRecordNumber() + 1, column -> record.isMapped(column) && record.isSet(column)
                        ? record.get(column) : null);
            }
        } catch (UncheckedIOException e) {
            throw new DatasetException(rows.file + " is not valid CSV: " + e.getCause().getMessage());
        }
    }

    private static void readJsonLines(BufferedReader reader, Rows rows) throws IOException {
        long line = 0;
        boolean columnsChecked = false;
        for (String text = reader.readLine(); text != null; text = reader.readLine()) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (IOException e) {
                throw new DatasetException(rows.file + " line " + line + " is not a JSON object");
            }
            if (!node.isObject()) {
                throw new DatasetException(rows.file + " line " + line + " is not a JSON object");
            }
            if (!columnsChecked) {
                List<String> fields = new ArrayList<>();
                node.fieldNames().forEachRemaining(fields::add);
                rows.requireColumns(fields);
                columnsChecked = true;
            }
            rows.add(line, column -> node.hasNonNull(column) ? node.get(column).asText() : null);
        }
    }

    /** Collects rows and checks columns the same way for every format. */
    private static final class Rows {
        private final Path file;
        private final DataColumns columns;
        private final boolean skipUnlabelled;
        private final List<LabelledTicket> tickets = new ArrayList<>();
        private int skipped;

        Rows(Path file, DataColumns columns, boolean skipUnlabelled) {
            this.file = file;
            this.columns = columns;
            this.skipUnlabelled = skipUnlabelled;
        }

        void requireColumns(List<String> present) {
            List<String> needed = new ArrayList<>();
            columns.labels().keySet().forEach(head -> needed.addAll(columns.columns(head)));
            needed.add(columns.body());
            for (String column : needed) {
                if (!present.contains(column)) {
                    throw new DatasetException(file + " has no column '" + column + "'; its columns are " + present);
                }
            }
        }

        void add(long row, UnaryOperator<String> value) {
            Map<String, String> labels = new LinkedHashMap<>();
            for (Map.Entry<String, String> head : columns.labels().entrySet()) {
                if (DataColumns.multiLabel(head.getKey())) {
                    // Tags: any number, none included, from every column named.
                    Set<String> tags = new TreeSet<>();
                    columns.columns(head.getKey()).forEach(column -> tags.addAll(TagSet.parse(value.apply(column))));
                    labels.put(head.getKey(), TagSet.join(tags));
                    continue;
                }
                String label = value.apply(head.getValue());
                if (label == null || label.isBlank()) {
                    if (skipUnlabelled) {
                        skipped++;
                        return;
                    }
                    throw new DatasetException(file + " row " + row + " has no " + head.getValue()
                            + " label; fix the row, or pass --skip-unlabelled to leave such rows out");
                }
                labels.put(head.getKey(), label.trim());
            }
            String subject = value.apply(columns.subject());
            String body = value.apply(columns.body());
            tickets.add(new LabelledTicket(subject == null ? "" : subject, body == null ? "" : body, labels));
        }
    }
}
