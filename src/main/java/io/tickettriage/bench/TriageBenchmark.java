package io.tickettriage.bench;

import ai.onnxruntime.OrtException;
import io.tickettriage.TriageRuntime;
import io.tickettriage.adapter.HelpDeskAdapter;
import io.tickettriage.adapter.HelpDeskAdapters;
import io.tickettriage.classify.LinearTicketModel;
import io.tickettriage.classify.SparseFeatures;
import io.tickettriage.classify.TextFeaturizer;
import io.tickettriage.classify.TicketClassifier;
import io.tickettriage.classify.TicketTextTemplate;
import io.tickettriage.model.BundledModel;
import io.tickettriage.model.CorpusTicket;
import io.tickettriage.model.DemoCorpus;
import io.tickettriage.sim.RecordedRequest;
import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.triage.QueueFallback;
import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.TriagePolicy;
import io.tickettriage.triage.TriageStatistics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

/**
 * {@code java -cp target/ticket-triage.jar io.tickettriage.bench.TriageBenchmark [tickets | classifier]}: measures, in one run
 * so the ratios are fair on a shared machine,
 * <ol>
 *   <li>classifier throughput through the Processor API, one ticket per call and in batches, against a bare
 *       ONNX Runtime loop on the same texts (the Processor's overhead);</li>
 *   <li>end-to-end throughput of the real routes against each help desk's simulator, with and without notes, and
 *       the API calls each triaged ticket cost.</li>
 * </ol>
 * Not a test: numbers depend on the machine. Repeats each measurement and reports the median.
 */
public final class TriageBenchmark {

    private static final int REPEATS = 5;
    private static final int BATCH = 256;

    private TriageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        boolean classifierOnly = args.length > 0 && args[0].equals("classifier");
        int endToEndTickets = args.length > 0 && !classifierOnly ? Integer.parseInt(args[0]) : 1000;
        System.out.printf("ticket-triage benchmark: %d cores, Java %s%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        classifier();
        if (classifierOnly) {
            return;
        }
        System.out.printf("2. End to end: one poll of the real routes against each help desk's simulator, %d waiting "
                + "tickets%n", endToEndTickets);
        for (HelpDeskAdapter adapter : HelpDeskAdapters.all()) {
            endToEnd(adapter, endToEndTickets, true);
            endToEnd(adapter, endToEndTickets, false);
        }
    }

    private static void classifier() throws OrtException {
        List<CorpusTicket> corpus = DemoCorpus.load().heldOut();
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            CorpusTicket c = corpus.get(i % corpus.size());
            tickets.add(new Ticket("bench", String.valueOf(i), c.subject(), c.description(), List.of(), Instant.now()));
        }
        byte[] onnx = BundledModel.bytes();
        try (LinearTicketModel model = LinearTicketModel.open(onnx, "bundled")) {
            TicketTextTemplate template = new TicketTextTemplate(model.descriptor().textTemplate());
            TicketClassifier classifier = new TicketClassifier(model,
                    new TriagePolicy(0.45, 0.45, QueueFallback.REVIEW), new TriageStatistics());
            List<String> texts = tickets.stream().map(t -> template.render(t.text())).toList();
            System.out.println("1. Classifier, " + tickets.size() + " demo tickets per round (median of " + REPEATS + ")");
            TextFeaturizer featurizer = new TextFeaturizer(model.descriptor().featurizer());
            double featurize = rate("featurizer, one thread", tickets.size(), () -> {
                texts.forEach(featurizer::featurize);
                return texts.size();
            });
            double featurizeParallel = rate("featurizer, all cores", tickets.size(), () -> {
                texts.parallelStream().forEach(featurizer::featurize);
                return texts.size();
            });
            List<SparseFeatures> features = texts.stream().map(featurizer::featurize).toList();
            int wordDimension = model.descriptor().featurizer().wordDimension();
            double bare;
            double bareBatched;
            try (BareOnnxRuntime runtime = new BareOnnxRuntime(onnx, features, wordDimension, 1)) {
                bare = rate("bare ONNX Runtime run, 1 per run", tickets.size(), runtime::runAll);
            }
            try (BareOnnxRuntime runtime = new BareOnnxRuntime(onnx, features, wordDimension, BATCH)) {
                bareBatched = rate("bare ONNX Runtime run, " + BATCH + " per run", tickets.size(), runtime::runAll);
            }
            double single = rate("Processor API, 1 ticket per call", tickets.size(), () -> {
                tickets.forEach(t -> classifier.decideAll(List.of(t)));
                return tickets.size();
            });
            double batched = rate("Processor API, batches of " + BATCH, tickets.size(), () -> {
                for (int i = 0; i < tickets.size(); i += BATCH) {
                    classifier.decideAll(tickets.subList(i, Math.min(tickets.size(), i + BATCH)));
                }
                return tickets.size();
            });
            // The model is featurizer + graph; what the Processor adds on top (policy, records, copying) is overhead.
            System.out.printf("   overhead, 1 per call: Processor time / (featurizer + bare run) = %.2f%n",
                    (1 / single) / (1 / featurize + 1 / bare));
            System.out.printf("   overhead, batches of %d: Processor time / (featurizer on all cores + bare run) = %.2f%n",
                    BATCH, (1 / batched) / (1 / featurizeParallel + 1 / bareBatched));
            System.out.printf("   Processor time / bare run alone (featurizing counted as overhead) = %.2f (1 per call), %.2f (batches)%n",
                    bare / single, bareBatched / batched);
            System.out.printf("   vs Open Ticket AI's published 200-500 ms per ticket on CPU (2-5 tickets/s): %.0fx-%.0fx (1 per call)%n%n",
                    single / 5, single / 2);
        }
    }

    private static double rate(String label, int perRound, IntSupplier round) {
        round.getAsInt(); // warm-up
        List<Double> rates = new ArrayList<>();
        for (int r = 0; r < REPEATS; r++) {
            long start = System.nanoTime();
            int done = round.getAsInt();
            rates.add(done / ((System.nanoTime() - start) / 1e9));
        }
        rates.sort(Comparator.naturalOrder());
        double median = rates.get(rates.size() / 2);
        System.out.printf("   %-40s %10.0f tickets/s  (%.3f ms/ticket)%n", label, median, 1000 / median);
        return median;
    }

    /** The real routes against a help desk's simulator: one poll that triages {@code count} waiting tickets. */
    private static void endToEnd(HelpDeskAdapter adapter, int count, boolean notes) throws Exception {
        Path state = Files.createTempDirectory("triage-bench");
        try (SimulatedHelpDesk helpDesk = adapter.simulate(0, Clock.systemUTC())) {
            List<CorpusTicket> corpus = DemoCorpus.load().heldOut();
            for (int i = 0; i < count; i++) {
                CorpusTicket c = corpus.get(i % corpus.size());
                helpDesk.createTicket(c.subject(), c.description());
            }
            Map<String, String> properties = new HashMap<>(helpDesk.adapterProperties());
            properties.putAll(Map.of("triage.helpdesk", adapter.name(), "triage.state.directory", state.toString(),
                    "triage.note.enabled", String.valueOf(notes), "triage.first-poll.look-back", "P1D",
                    "camel.management.enabled", "false"));
            Main main = TriageRuntime.createPolledOnDemand(properties, Clock.systemUTC());
            main.start();
            // Startup checks (group lookups and the like) are not part of triaging.
            int callsBefore = helpDesk.requests().size();
            try (ProducerTemplate producer = main.getCamelContext().createProducerTemplate()) {
                long start = System.nanoTime();
                producer.sendBody(TriageRuntime.POLL_NOW, null);
                double seconds = (System.nanoTime() - start) / 1e9;
                TriageStatistics.Snapshot stats = main.getCamelContext().getRegistry()
                        .lookupByNameAndType("triageStatistics", TriageStatistics.class).snapshot();
                List<RecordedRequest> calls = helpDesk.requests().subList(callsBefore, helpDesk.requests().size());
                Map<String, Long> byMethod = new TreeMap<>();
                calls.forEach(call -> byMethod.merge(call.method(), 1L, Long::sum));
                System.out.printf("   %-10s notes %-3s  %5d updated in %6.2f s: %6.0f tickets/s   %.3f calls per ticket %s%n",
                        adapter.name(), notes ? "on" : "off", stats.updated(), seconds, stats.updated() / seconds,
                        (double) calls.size() / Math.max(1, stats.updated()), byMethod);
            } finally {
                main.stop();
            }
        }
    }
}
