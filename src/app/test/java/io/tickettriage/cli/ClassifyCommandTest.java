package io.tickettriage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ClassifyCommandTest {

    private ToolRun last;

    private int run(String stdin, String... args) {
        String[] withTool = new String[args.length + 1];
        withTool[0] = "classify";
        System.arraycopy(args, 0, withTool, 1, args.length);
        last = ToolRun.of(stdin, withTool);
        return last.exitCode();
    }

    @Test
    void classifiesArgumentsAsTextWithTheWordsThatSpokeForEachLabel() {
        String ticket = "Our card was charged twice for invoice 7781, please refund the duplicate";
        assertEquals(0, run("", ticket));
        List<String> lines = last.out().lines().toList();
        assertEquals(3, lines.size(), last.out());
        String reasons = "   because of: ([a-z0-9 ]+)(, [a-z0-9 ]+){0,2}";
        assertTrue(lines.get(1).matches("\\s+queue\\s+billing\\s+\\d+%(\\s+\\S+ \\d+%){2}" + reasons), lines.get(1));
        assertTrue(lines.get(2).matches("\\s+priority\\s+\\S+\\s+\\d+%(\\s+\\S+ \\d+%){2}" + reasons), lines.get(2));
        for (String line : lines.subList(1, 3)) {
            for (String reason : line.substring(line.indexOf("because of: ") + 12).split(", ")) {
                assertTrue(ticket.toLowerCase(Locale.ROOT).contains(reason), reason + " is not in the ticket");
            }
        }
    }

    @Test
    void readsOneTicketPerLineFromStandardInputInBatchesAsJson() throws Exception {
        StringBuilder stdin = new StringBuilder();
        for (int i = 0; i < 70; i++) {
            stdin.append("Login broken ").append(i).append("\tI cannot sign in to the console since the reset\n");
        }
        assertEquals(0, run(stdin.toString(), "--json"));
        List<String> lines = last.out().lines().toList();
        assertEquals(70, lines.size());
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertEquals("account-access", first.path("queue").path("label").asText());
        assertEquals(3, first.path("queue").path("top").size());
        assertEquals(first.path("queue").path("confidence").asDouble(),
                first.path("queue").path("top").get(0).path("confidence").asDouble());
        assertTrue(first.path("priority").path("confidence").asDouble() > 0);
        assertTrue(first.path("queue").path("reasons").isArray());
        assertTrue(first.path("queue").path("reasons").size() > 0, lines.get(0));
    }

    @Test
    void aMissingModelIsOneLineAndExitCodeTwo() {
        assertEquals(2, run("", "--model", "does-not-exist.onnx", "text"));
        assertTrue(last.err().startsWith("ticket-triage classify: model file "), last.err());
        assertTrue(last.err().strip().endsWith("does-not-exist.onnx does not exist"), last.err());
    }

    @Test
    void anUnknownOptionShowsTheUsage() {
        assertEquals(2, run("", "--bogus"));
        assertTrue(last.err().contains("Unknown option: '--bogus'"));
        assertTrue(last.err().contains("Usage: java -jar ticket-triage.jar classify"), last.err());
    }
}
