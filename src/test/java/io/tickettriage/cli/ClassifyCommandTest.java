package io.tickettriage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ClassifyCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String stdin, String... args) {
        CommandLine command = Tools.commandLine(new BufferedReader(new StringReader(stdin)));
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        String[] withTool = new String[args.length + 1];
        withTool[0] = "classify";
        System.arraycopy(args, 0, withTool, 1, args.length);
        return command.execute(withTool);
    }

    @Test
    void classifiesArgumentsAsText() {
        assertEquals(0, run("", "Our card was charged twice for invoice 7781, please refund the duplicate"));
        List<String> lines = out.toString().lines().toList();
        assertEquals(3, lines.size(), out.toString());
        assertTrue(lines.get(1).matches("\\s+queue\\s+billing\\s+\\d+%.*"), lines.get(1));
        assertTrue(lines.get(2).matches("\\s+priority\\s+\\S+\\s+\\d+%(\\s+\\S+ \\d+%){2}"), lines.get(2));
    }

    @Test
    void readsOneTicketPerLineFromStandardInputInBatchesAsJson() throws Exception {
        StringBuilder stdin = new StringBuilder();
        for (int i = 0; i < 70; i++) {
            stdin.append("Login broken ").append(i).append("\tI cannot sign in to the console since the reset\n");
        }
        assertEquals(0, run(stdin.toString(), "--json"));
        List<String> lines = out.toString().lines().toList();
        assertEquals(70, lines.size());
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertEquals("account-access", first.path("queue").path("label").asText());
        assertEquals(3, first.path("queue").path("top").size());
        assertEquals(first.path("queue").path("confidence").asDouble(),
                first.path("queue").path("top").get(0).path("confidence").asDouble());
        assertTrue(first.path("priority").path("confidence").asDouble() > 0);
    }

    @Test
    void aMissingModelIsOneLineAndExitCodeTwo() {
        assertEquals(2, run("", "--model", "does-not-exist.onnx", "text"));
        assertTrue(err.toString().startsWith("ticket-triage classify: model file "), err.toString());
        assertTrue(err.toString().strip().endsWith("does-not-exist.onnx does not exist"), err.toString());
    }

    @Test
    void anUnknownOptionShowsTheUsage() {
        assertEquals(2, run("", "--bogus"));
        assertTrue(err.toString().contains("Unknown option: '--bogus'"));
        assertTrue(err.toString().contains("Usage: java -jar ticket-triage.jar classify"), err.toString());
    }
}
