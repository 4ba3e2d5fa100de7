package io.tickettriage.bench;

import ai.onnxruntime.OrtException;
import io.tickettriage.TriageRuntime;
import io.tickettriage.adapter.HelpDeskAdapter;
import io.tickettriage.adapter.HelpDeskAdapters;
import io.tickettriage.classify.LinearTicketModel;
import io.tickettriage.classify.SparseFeatures;
import io.tickettriage.classify.TextFeaturizer;
import io.tickettriage.triage.TicketClassifier;
import io.tickettriage.classify.TicketTextTemplate;
import io.tickettriage.model.BundledModel;
import io.tickettriage.model.CorpusTicket;
import io.tickettriage.model.DemoCorpus;
import io.tickettriage.sim.RecordedRequest;
import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.SimulatedHelpDesks;
import io.tickettriage.sim.rtreal.RealRequestTracker;
import io.tickettriage.triage.QueueFallback;
import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.TriageDecision;
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
import java.util.function.Supplier;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

/**
 * {@code java -cp target/ticket-triage.jar io.tickettriage.bench.TriageBenchmark [tickets | classifier | real-rt
 * [tickets]]}: measures, in one run so the ratios are fair on a shared machine,
 * <ol>
 *   <li>classifier throughput through the Processor API, one ticket per call and in batches, against a bare
 *       ONNX Runtime loop over the same calls on the same tensors (the Processor's overhead);</li>
 *   <li>end-to-end throughput of the real routes against each help desk's simulator, with and without notes, and
 *       the API calls each triaged ticket cost.</li>
 * </ol>
 * {@code real-rt} measures the second part only, against a real Request Tracker 5 started from its Debian packages
 * (as the tests start one), through the recording proxy that counts its calls.
 * Not a test: numbers depend on the machine. Repeats each measurement and reports medians.
 */
public final class TriageBenchmark {

    private static final int ROUNDS = 9;
    private static final int BATCH = 256;

    private TriageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("real-rt")) {
            int tickets = args.length > 1 ? Integer.parseInt(args[1]) : 100;
            System.out.printf("End to end: one poll of the real routes against a real Request Tracker 5, %d waiting "
                    + "tickets%n", tickets);
            endToEnd("rt", RealRequestTracker::startAlone, tickets, true);
            endToEnd("rt", RealRequestTracker::startAlone, tickets, false);
            return;
        }
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
            Supplier<SimulatedHelpDesk> simulator = () -> SimulatedHelpDesks.start(adapter.name(), 0,
                    Clock.systemUTC());
            endToEnd(adapter.name(), simulator, endToEndTickets, true);
            endToEnd(adapter.name(), simulator, endToEndTickets, false);
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
                    new TriagePolicy(0.45, 0.45, QueueFallback.REVIEW));
            List<String> texts = tickets.stream().map(t -> template.render(t.text())).toList();
            System.out.println("1. Classifier, " + tickets.size() + " demo tickets per round, " + ROUNDS
                    + " rounds; each pair alternates round by round, so load on the machine hits both alike");
            TextFeaturizer featurizer = new TextFeaturizer(model.descriptor().featurizer());
            List<List<SparseFeatures>> oneByOne = new ArrayList<>();
            List<List<SparseFeatures>> asTheClassifierCutsBatches = new ArrayList<>();
            for (int from = 0; from < texts.size(); from += BATCH) {
                List<String> batch = texts.subList(from, Math.min(texts.size(), from + BATCH));
                batch.forEach(text -> oneByOne.add(List.of(featurizer.featurize(text))));
                for (List<Integer> call : LinearTicketModel.microBatches(batch)) {
                    asTheClassifierCutsBatches.add(call.stream().map(i -> featurizer.featurize(batch.get(i))).toList());
                }
            }
            Pair featurizing = pair("featurizer, one thread", () -> {
                texts.forEach(featurizer::featurize);
                return texts.size();
            }, "featurizer, all cores", () -> {
                texts.parallelStream().forEach(featurizer::featurize);
                return texts.size();
            });
            Pair single;
            try (BareOnnxRuntime bare = new BareOnnxRuntime(onnx, oneByOne, false)) {
                single = pair("Processor API, 1 ticket per call", () -> {
                    tickets.forEach(t -> classifier.decideAll(List.of(t)));
                    return tickets.size();
                }, "bare ONNX Runtime run, 1 per run", bare::runAll);
            }
            Pair batched;
            try (BareOnnxRuntime bare = new BareOnnxRuntime(onnx, asTheClassifierCutsBatches, true)) {
                batched = pair("Processor API, batches of " + BATCH, () -> {
                    for (int i = 0; i < tickets.size(); i += BATCH) {
                        classifier.decideAll(tickets.subList(i, Math.min(tickets.size(), i + BATCH)));
                    }
                    return tickets.size();
                }, "bare run, the same calls, all cores", bare::runAll);
            }
            // Reasons are computed when something reads them (a note): before 2026-12-07 every ticket paid for them.
            long explainedBefore = model.explainedTickets();
            Pair singleReasons = pair("Processor API, 1 per call, reasons read", () -> {
                tickets.forEach(t -> readReasons(classifier.decideAll(List.of(t))));
                return tickets.size();
            }, "Processor API, 1 per call, none read", () -> {
                tickets.forEach(t -> classifier.decideAll(List.of(t)));
                return tickets.size();
            });
            // In batches they are read on all cores, as they were computed inside the micro-batches before.
            Pair batchedReasons = pair("Processor API, batches, reasons read", () -> {
                for (int i = 0; i < tickets.size(); i += BATCH) {
                    classifier.decideAll(tickets.subList(i, Math.min(tickets.size(), i + BATCH))).parallelStream()
                            .forEach(decision -> readReasons(List.of(decision)));
                }
                return tickets.size();
            }, "Processor API, batches, none read", () -> {
                for (int i = 0; i < tickets.size(); i += BATCH) {
                    classifier.decideAll(tickets.subList(i, Math.min(tickets.size(), i + BATCH)));
                }
                return tickets.size();
            });
            System.out.printf("   reasons computed for %d tickets, all of them in the rounds that read them%n",
                    model.explainedTickets() - explainedBefore);
            System.out.printf("   overhead = Processor time / bare ONNX Runtime time on the same tensors (featurizing "
                    + "counted as overhead): %.2f (1 per call), %.2f (batches)%n", single.ratio(), batched.ratio());
            System.out.printf("   Processor time / (featurizer + bare run), what the Processor adds beyond the model's "
                    + "own two parts: %.2f (1 per call), %.2f (batches)%n",
                    (1 / single.first()) / (1 / featurizing.first() + 1 / single.second()),
                    (1 / batched.first()) / (1 / featurizing.second() + 1 / batched.second()));
            System.out.printf("   the same with every ticket's reasons read (notes on; every ticket before "
                    + "2026-12-07): %.2f (1 per call), %.2f (batches)%n",
                    (1 / single.first()) * singleReasons.ratio() / (1 / featurizing.first() + 1 / single.second()),
                    (1 / batched.first()) * batchedReasons.ratio()
                            / (1 / featurizing.second() + 1 / batched.second()));
            System.out.printf("   time with reasons read / time without, side by side: %.2f (1 per call), %.2f "
                    + "(batches)%n", singleReasons.ratio(), batchedReasons.ratio());
            System.out.printf("   vs Open Ticket AI's published 200-500 ms per ticket on CPU (2-5 tickets/s): "
                    + "%.0fx-%.0fx (1 per call)%n%n", single.first() / 5, single.first() / 2);
        }
    }

    /** What a note does with a decision's reasons: reads them. */
    private static void readReasons(List<TriageDecision> decisions) {
        decisions.forEach(decision -> decision.classification().heads().values()
                .forEach(head -> head.reasons().size()));
    }

    /** Two measurements taken in alternating rounds: their median rates and the median of per-round time ratios. */
    private record Pair(double first, double second, double ratio) {
    }

    private static Pair pair(String firstLabel, IntSupplier first, String secondLabel, IntSupplier second) {
        first.getAsInt(); // warm-up
        second.getAsInt();
        List<Double> firstRates = new ArrayList<>();
        List<Double> secondRates = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            double a = rate(first);
            double b = rate(second);
            firstRates.add(a);
            secondRates.add(b);
            ratios.add(b / a);
        }
        Pair pair = new Pair(median(firstRates), median(secondRates), median(ratios));
        System.out.printf("   %-40s %10.0f tickets/s  (%.3f ms/ticket)%n", firstLabel, pair.first(), 1000 / pair.first());
        System.out.printf("   %-40s %10.0f tickets/s  (%.3f ms/ticket)%n", secondLabel, pair.second(),
                1000 / pair.second());
        return pair;
    }

    private static double rate(IntSupplier round) {
        long start = System.nanoTime();
        int done = round.getAsInt();
        return done / ((System.nanoTime() - start) / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        return sorted.get(sorted.size() / 2);
    }

    /**
     * The real routes against a help desk, a simulator or a real one: one poll that triages {@code count} waiting
     * tickets.
     */
    private static void endToEnd(String helpdesk, Supplier<SimulatedHelpDesk> helpDeskStart, int count,
                                 boolean notes) throws Exception {
        Path state = Files.createTempDirectory("triage-bench");
        try (SimulatedHelpDesk helpDesk = helpDeskStart.get()) {
            List<CorpusTicket> corpus = DemoCorpus.load().heldOut();
            for (int i = 0; i < count; i++) {
                CorpusTicket c = corpus.get(i % corpus.size());
                helpDesk.createTicket(c.subject(), c.description());
            }
            Map<String, String> properties = new HashMap<>(helpDesk.adapterProperties());
            properties.putAll(Map.of("triage.helpdesk", helpdesk, "triage.state.directory", state.toString(),
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
                        .lookupByNameAndType(helpdesk + ".triageStatistics", TriageStatistics.class).snapshot();
                List<RecordedRequest> calls = helpDesk.requests().subList(callsBefore, helpDesk.requests().size());
                Map<String, Long> byMethod = new TreeMap<>();
                calls.forEach(call -> byMethod.merge(call.method(), 1L, Long::sum));
                System.out.printf("   %-10s notes %-3s  %5d updated in %6.2f s: %6.0f tickets/s   %.3f calls per ticket %s%n",
                        helpdesk, notes ? "on" : "off", stats.updated(), seconds, stats.updated() / seconds,
                        (double) calls.size() / Math.max(1, stats.updated()), byMethod);
            } finally {
                main.stop();
            }
        }
    }
}
