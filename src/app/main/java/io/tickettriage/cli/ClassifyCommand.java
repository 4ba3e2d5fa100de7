package io.tickettriage.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickettriage.classify.Classification;
import io.tickettriage.classify.HeadPrediction;
import io.tickettriage.classify.LinearTicketModel;
import io.tickettriage.classify.ModelLoadException;
import io.tickettriage.classify.ScoredLabel;
import io.tickettriage.classify.TicketModel;
import io.tickettriage.classify.TicketText;
import io.tickettriage.model.BundledModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ticket-triage classify}: tries a model by hand or from a script. Texts come from the arguments, or one
 * ticket per line from standard input ({@code subject<TAB>body}, or just text); each head's label, confidence, top 3
 * and reasons (the ticket's words that spoke most for the label, as in the triage note; a linear model's only) are
 * printed as text or as JSON Lines. Standard input is classified in batches.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Classify ticket text and print each head's label, confidence, top 3 and, for a linear "
                + "model, the words that spoke most for the label.")
public final class ClassifyCommand implements Callable<Integer> {

    private static final int BATCH = 64;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--model", paramLabel = "FILE",
            description = "ONNX model written by ticket-triage's trainer (default: the bundled demo model)")
    private Path model;

    @Option(names = "--json", description = "Print one JSON object per ticket (JSON Lines)")
    private boolean json;

    @Parameters(paramLabel = "TEXT", arity = "0..*",
            description = "Ticket texts. Without any, read one ticket per line from standard input: "
                    + "'subject<TAB>body' or just text.")
    private List<String> texts = new ArrayList<>();

    @Spec
    private CommandSpec spec;

    private final BufferedReader in;

    public ClassifyCommand(BufferedReader in) {
        this.in = in;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        LinearTicketModel opened;
        try {
            opened = model == null ? BundledModel.open() : LinearTicketModel.load(model);
        } catch (ModelLoadException e) {
            spec.commandLine().getErr().println("ticket-triage classify: " + e.getMessage());
            return 2;
        }
        try (TicketModel classifier = opened) {
            if (!texts.isEmpty()) {
                print(out, classifier, texts);
                return 0;
            }
            List<String> batch = new ArrayList<>(BATCH);
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    batch.add(line);
                }
                if (batch.size() == BATCH) {
                    print(out, classifier, batch);
                    batch.clear();
                }
            }
            print(out, classifier, batch);
            return 0;
        }
    }

    private void print(PrintWriter out, TicketModel classifier, List<String> tickets) {
        List<TicketText> inputs = tickets.stream().map(ticket -> {
            int tab = ticket.indexOf('\t');
            return tab < 0 ? new TicketText(ticket, "") : new TicketText(ticket.substring(0, tab),
                    ticket.substring(tab + 1));
        }).toList();
        List<Classification> results = classifier.classifyAll(inputs);
        for (int i = 0; i < tickets.size(); i++) {
            out.println(json ? asJson(tickets.get(i), results.get(i)) : asText(tickets.get(i), results.get(i)));
        }
        out.flush();
    }

    private static String asText(String ticket, Classification result) {
        StringBuilder text = new StringBuilder(ticket.length() > 100 ? ticket.substring(0, 99) + "…" : ticket);
        for (HeadPrediction head : result.heads().values()) {
            text.append(String.format(Locale.ROOT, "%n  %-10s %-20s %4s", head.head(), head.label(),
                    percent(head.confidence())));
            for (ScoredLabel other : head.runnersUp()) {
                text.append("   ").append(other.label()).append(' ').append(percent(other.confidence()));
            }
            if (!head.reasons().isEmpty()) {
                text.append("   because of: ").append(String.join(", ", head.reasons()));
            }
        }
        return text.toString();
    }

    private static String asJson(String ticket, Classification result) {
        ObjectNode node = JSON.createObjectNode().put("text", ticket);
        for (HeadPrediction head : result.heads().values()) {
            ObjectNode prediction = node.putObject(head.head())
                    .put("label", head.label()).put("confidence", head.confidence());
            ArrayNode top = prediction.putArray("top");
            head.top().forEach(s -> top.addObject().put("label", s.label()).put("confidence", s.confidence()));
            ArrayNode reasons = prediction.putArray("reasons");
            head.reasons().forEach(reasons::add);
        }
        return node.toString();
    }

    private static String percent(double confidence) {
        return String.format(Locale.ROOT, "%.0f%%", confidence * 100);
    }
}
