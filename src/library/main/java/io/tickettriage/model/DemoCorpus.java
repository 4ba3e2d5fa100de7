package io.tickettriage.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * The team-written demo tickets that train the bundled model and seed the simulator.
 *
 * <p>Every fifth ticket of each queue (in a fixed hash order) is held out: the model never trains on it, so the demo
 * and the held-out score show the model on text it has not seen.
 */
public final class DemoCorpus {

    static final List<String> PARTS = List.of("en-part1.jsonl", "en-part2.jsonl", "de-part1.jsonl", "de-part2.jsonl");
    private static final String FOLDER = "/demo-corpus/";
    private static final int HOLDOUT_EVERY = 5;

    private final List<CorpusTicket> training;
    private final List<CorpusTicket> heldOut;
    private final String sha256;

    private DemoCorpus(List<CorpusTicket> training, List<CorpusTicket> heldOut, String sha256) {
        this.training = List.copyOf(training);
        this.heldOut = List.copyOf(heldOut);
        this.sha256 = sha256;
    }

    public static DemoCorpus load() {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        StringBuilder all = new StringBuilder();
        Map<String, List<CorpusTicket>> byQueue = new TreeMap<>();
        for (String part : PARTS) {
            try (InputStream in = DemoCorpus.class.getResourceAsStream(FOLDER + part)) {
                if (in == null) {
                    throw new IllegalStateException("demo corpus part " + FOLDER + part + " is missing from the classpath");
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                int lineNumber = 0;
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lineNumber++;
                    if (line.isBlank()) {
                        continue;
                    }
                    all.append(line).append('\n');
                    CorpusTicket ticket;
                    try {
                        ticket = json.readValue(line, CorpusTicket.class);
                    } catch (IOException e) {
                        throw new IllegalStateException(part + " line " + lineNumber + " is not a corpus ticket: "
                                + e.getMessage(), e);
                    }
                    byQueue.computeIfAbsent(ticket.queue(), q -> new ArrayList<>()).add(ticket);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<CorpusTicket> training = new ArrayList<>();
        List<CorpusTicket> heldOut = new ArrayList<>();
        for (List<CorpusTicket> queue : byQueue.values()) {
            queue.sort(Comparator.comparing(t -> DigestUtils.sha256Hex(t.subject() + "\n" + t.description())));
            for (int i = 0; i < queue.size(); i++) {
                (i % HOLDOUT_EVERY == 0 ? heldOut : training).add(queue.get(i));
            }
        }
        return new DemoCorpus(training, heldOut, DigestUtils.sha256Hex(all.toString()));
    }

    public List<CorpusTicket> training() {
        return training;
    }

    public List<CorpusTicket> heldOut() {
        return heldOut;
    }

    /** Hash of the corpus text, recorded in the model so a model can be traced to the data it learned from. */
    public String sha256() {
        return sha256;
    }
}
