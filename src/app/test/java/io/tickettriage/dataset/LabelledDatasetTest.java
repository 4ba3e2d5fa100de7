package io.tickettriage.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledDatasetTest {

    private static final DataColumns COLUMNS = new DataColumns("subject", "body",
            Map.of("queue", "queue", "priority", "priority"));

    @TempDir
    Path dir;

    @Test
    void readsQuotedMultiLineCsvFields() throws Exception {
        Path file = write("tickets.csv", "subject,body,queue,priority,extra\r\n"
                + "\"Invoice, wrong\",\"Line one\r\nline \"\"two\"\"\",billing,high,x\r\n"
                + "Login,Cannot sign in,account-access,low,y\r\n");
        LabelledDataset data = LabelledDataset.read(file, COLUMNS, false);
        assertEquals(2, data.tickets().size());
        assertEquals("Invoice, wrong", data.tickets().get(0).subject());
        assertEquals("Line one\r\nline \"two\"", data.tickets().get(0).body());
        assertEquals(Map.of("queue", "billing", "priority", "high"), data.tickets().get(0).labels());
    }

    @Test
    void readsGzipAndJsonLines() throws Exception {
        Path file = dir.resolve("tickets.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(("{\"subject\":\"A\",\"body\":\"b\",\"queue\":\"sales\",\"priority\":\"low\"}\n\n"
                    + "{\"body\":\"no subject\",\"queue\":\"sales\",\"priority\":\"high\"}\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        LabelledDataset data = LabelledDataset.read(file, COLUMNS, false);
        assertEquals(2, data.tickets().size());
        assertEquals("", data.tickets().get(1).subject());
    }

    @Test
    void aMissingLabelNamesTheRowOrIsSkippedWhenAsked() throws Exception {
        Path file = write("tickets.csv", "subject,body,queue,priority\nA,b,billing,high\nC,d,,low\nE,f,sales,low\n");
        DatasetException e = assertThrows(DatasetException.class, () -> LabelledDataset.read(file, COLUMNS, false));
        assertEquals(file + " row 3 has no queue label; fix the row, or pass --skip-unlabelled to leave such rows out",
                e.getMessage());
        LabelledDataset data = LabelledDataset.read(file, COLUMNS, true);
        assertEquals(2, data.tickets().size());
        assertEquals(1, data.skipped());
    }

    @Test
    void anUnknownColumnListsTheColumnsThereAre() throws Exception {
        Path file = write("tickets.csv", "title,text,queue,priority\nA,b,billing,high\n");
        DatasetException e = assertThrows(DatasetException.class, () -> LabelledDataset.read(file, COLUMNS, false));
        assertEquals(file + " has no column 'body'; its columns are [title, text, queue, priority]", e.getMessage());
    }

    @Test
    void emptyFiles() throws Exception {
        Path empty = write("empty.csv", "");
        assertEquals(empty + " is empty: a CSV export needs a header row and rows",
                assertThrows(DatasetException.class, () -> LabelledDataset.read(empty, COLUMNS, false)).getMessage());
        Path headerOnly = write("header.csv", "subject,body,queue,priority\n");
        assertEquals(headerOnly + " has no labelled tickets",
                assertThrows(DatasetException.class, () -> LabelledDataset.read(headerOnly, COLUMNS, false))
                        .getMessage());
    }

    @Test
    void unknownFormatAndMissingFile() {
        Path xlsx = dir.resolve("tickets.xlsx");
        assertEquals(xlsx + " does not exist",
                assertThrows(DatasetException.class, () -> LabelledDataset.read(xlsx, COLUMNS, false)).getMessage());
        assertThrows(DatasetException.class, () -> LabelledDataset.read(write("t.txt", "x"), COLUMNS, false));
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
