package io.tickettriage.bench;

import io.tickettriage.classify.Classification;
import io.tickettriage.classify.LinearTicketModel;
import io.tickettriage.classify.TfIdfVector;
import io.tickettriage.classify.TicketModel;
import io.tickettriage.classify.TicketText;
import io.tickettriage.dataset.DataColumns;
import io.tickettriage.dataset.LabelledDataset;
import io.tickettriage.model.BundledModel;
import io.tickettriage.model.CorpusTicket;
import io.tickettriage.model.DemoCorpus;
import io.tickettriage.sim.MutableClock;
import io.tickettriage.similar.SimilarSettings;
import io.tickettriage.similar.SimilarTickets;
import io.tickettriage.similar.SimilarityIndex;
import io.tickettriage.similar.SimilarityIndex.Neighbour;
import io.tickettriage.triage.QueueFallback;
import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.TicketClassifier;
import io.tickettriage.triage.TriageDecision;
import io.tickettriage.triage.TriagePolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -cp target/ticket-triage.jar io.tickettriage.bench.SimilarityBenchmark [--data <4k csv.gz>]
 * [--model <bundle>] [--seed <split>] [--part all|precision|cost]}: measures the similar-ticket search ({@link SimilarTickets}) in one run, with the bundled model
 * unless {@code --model} names another:
 * <ol>
 *   <li>precision and recall of the possible duplicates it names, per threshold, on labelled pairs: tickets of a corpus
 *       (the demo corpus, and the 4k set when {@code --data} names it, read at run time only) are held in the index,
 *       then looked up are (a) a re-sent copy of some of them, rewritten as customers write a second mail, whose one
 *       true duplicate is its original, and (b) as many other tickets of the corpus, which have none. A named ticket
 *       is right when it is the original (a second figure also counts right a near-copy the corpus holds already,
 *       at least {@value #NEAR_COPY} of their distinct words shared); the share of pairs of different tickets at or above each threshold, overall
 *       and within one queue, is what a burst's threshold is chosen on;</li>
 *   <li>the cost of one ticket's step with 10,000 tickets in the index (ms per lookup, heap of the index), side by
 *       side with classifying the same tickets one per call, rounds alternating so load on the machine hits both.</li>
 * </ol>
 * Not a test: numbers depend on the machine and the corpus.
 */
public final class SimilarityBenchmark {

    private static final double[] THRESHOLDS = {0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95};
    private static final int QUERIES = 500;
    /** Word overlap (Jaccard) from which two different tickets of a corpus count as near-copies of each other. */
    private static final double NEAR_COPY = 0.6;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]{2,}");
    private static final int OPEN_TICKETS = 10_000;
    private static final int ROUNDS = 7;
    /** First lines of a customer's second mail about the same thing. */
    private static final List<String> FOLLOW_UPS = List.of("Any news on this? I wrote to you before.",
            "Sending this again, I did not hear back.", "Hello again, still waiting for an answer:",
            "Please see my message below, it is still not solved.");
    private static final List<String> SIGNATURES = List.of("Best regards, Anna", "Thanks, Jonas Weber",
            "Kind regards\nM. Rossi\nSent from my phone", "Cheers, Sam");

    /** A ticket of a labelled corpus. */
    private record Labelled(String subject, String body, String queue) {
    }

    private SimilarityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        System.out.printf("ticket-triage similar-ticket benchmark: %d cores, Java %s%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        try (TicketModel model = options.containsKey("--model")
                ? LinearTicketModel.loadBundle(Path.of(options.get("--model"))) : BundledModel.open()) {
            System.out.println("Model: " + model.name() + " (" + model.source() + ")\n");
            DemoCorpus demo = DemoCorpus.load();
            List<Labelled> demoTickets = new ArrayList<>();
            for (CorpusTicket t : concat(demo.training(), demo.heldOut())) {
                demoTickets.add(new Labelled(t.subject(), t.description(), t.queue()));
            }
            long seed = Long.parseLong(options.getOrDefault("--seed", "20261207"));
            boolean precision = !options.getOrDefault("--part", "all").equals("cost");
            boolean cost = !options.getOrDefault("--part", "all").equals("precision");
            for (boolean characters : new boolean[] {false, true}) {
                if (precision) {
                    precision("demo corpus (" + demoTickets.size() + " tickets, en and de)", demoTickets, model,
                            characters, seed);
                }
            }
            List<Labelled> fourK = List.of();
            if (options.containsKey("--data")) {
                Path data = Path.of(options.get("--data"));
                LabelledDataset set = LabelledDataset.read(data, new DataColumns("subject", "body",
                        Map.of("queue", "queue")), true);
                fourK = set.tickets().stream().map(t -> new Labelled(t.subject(), t.body(), t.labels().get("queue")))
                        .toList();
                for (boolean characters : new boolean[] {false, true}) {
                    if (precision) {
                        precision(data.getFileName() + " (" + fourK.size() + " tickets, 5 languages)", fourK, model,
                                characters, seed);
                    }
                }
            }
            if (cost) {
                cost(fourK.isEmpty() ? demoTickets : concat(fourK, demoTickets), model);
            }
        }
    }

    /** The precision part: the index holds half of the corpus; re-sent copies and other tickets are looked up. */
    private static void precision(String what, List<Labelled> corpus, TicketModel model, boolean characters,
                                  long seed) {
        List<Labelled> shuffled = new ArrayList<>(corpus);
        Collections.shuffle(shuffled, new Random(seed));
        int held = Math.min(shuffled.size() / 2, 2000);
        int queries = Math.min(QUERIES, Math.min(held, shuffled.size() - held));
        SimilarityIndex index = new SimilarityIndex(Duration.ofDays(1), OPEN_TICKETS);
        Instant now = Instant.parse("2026-12-07T10:00:00Z");
        List<TfIdfVector> vectors = new ArrayList<>();
        for (int i = 0; i < held; i++) {
            TfIdfVector vector = vector(model, shuffled.get(i).subject(), shuffled.get(i).body(), characters);
            vectors.add(vector);
            index.add(String.valueOf(i), now, vector);
        }
        Random random = new Random(seed + 7);
        double floor = THRESHOLDS[0];
        List<List<Neighbour>> resent = new ArrayList<>();
        List<Set<String>> resentWords = new ArrayList<>();
        for (int i = 0; i < queries; i++) {
            Labelled original = shuffled.get(i);
            Labelled copy = resend(original, random);
            resent.add(index.similar("query", vector(model, copy.subject(), copy.body(), characters), floor, now));
            resentWords.add(words(copy));
        }
        List<List<Neighbour>> others = new ArrayList<>();
        List<Set<String>> otherWords = new ArrayList<>();
        for (int i = held; i < held + queries; i++) {
            Labelled other = shuffled.get(i);
            others.add(index.similar("query", vector(model, other.subject(), other.body(), characters), floor, now));
            otherWords.add(words(other));
        }
        List<Set<String>> heldWords = shuffled.subList(0, held).stream().map(SimilarityBenchmark::words).toList();
        System.out.printf("Precision on %s, vectors of %s, split %d: %d tickets held, %d re-sent copies (each with "
                + "one true duplicate) and %d other tickets (none) looked up; at most %d named each%n", what,
                characters ? "word and character n-grams" : "word n-grams (what the service uses)", seed, held,
                queries, queries, SimilarSettings.defaults().shown());
        System.out.println("  threshold  precision  recall  named  wrongly named  other tickets with a name  "
                + "pairs >= t (any / same queue)  precision, near-copies in the corpus counted right");
        long pairs = 0;
        long[] above = new long[THRESHOLDS.length];
        long sameQueuePairs = 0;
        long[] sameQueueAbove = new long[THRESHOLDS.length];
        for (int a = 0; a < Math.min(held, 1000); a++) {
            for (int b = a + 1; b < Math.min(held, 1000); b++) {
                double similarity = vectors.get(a).cosine(vectors.get(b));
                boolean sameQueue = shuffled.get(a).queue().equals(shuffled.get(b).queue());
                pairs++;
                sameQueuePairs += sameQueue ? 1 : 0;
                for (int t = 0; t < THRESHOLDS.length; t++) {
                    if (similarity >= THRESHOLDS[t]) {
                        above[t]++;
                        sameQueueAbove[t] += sameQueue ? 1 : 0;
                    }
                }
            }
        }
        for (int t = 0; t < THRESHOLDS.length; t++) {
            double threshold = THRESHOLDS[t];
            int shown = SimilarSettings.defaults().shown();
            long named = 0;
            long right = 0;
            long found = 0;
            long nearCopies = 0;
            for (int q = 0; q < resent.size(); q++) {
                List<Neighbour> names = named(resent.get(q), threshold, shown);
                named += names.size();
                String original = String.valueOf(q);
                boolean hit = names.stream().anyMatch(n -> n.entry().id().equals(original));
                right += hit ? 1 : 0;
                found += hit ? 1 : 0;
                nearCopies += nearCopies(names, resentWords.get(q), heldWords, original);
            }
            long falseAlarms = 0;
            for (int q = 0; q < others.size(); q++) {
                List<Neighbour> names = named(others.get(q), threshold, shown);
                named += names.size();
                falseAlarms += names.isEmpty() ? 0 : 1;
                nearCopies += nearCopies(names, otherWords.get(q), heldWords, "");
            }
            System.out.printf(Locale.ROOT, "  %9.2f  %9s  %6.3f  %5d  %13d  %25s  %.4f / %.4f  %29s%n", threshold,
                    named == 0 ? "-" : String.format(Locale.ROOT, "%.3f", (double) right / named),
                    (double) found / resent.size(), named, named - right,
                    falseAlarms + " of " + others.size(), (double) above[t] / pairs,
                    (double) sameQueueAbove[t] / Math.max(1, sameQueuePairs),
                    named == 0 ? "-" : String.format(Locale.ROOT, "%.3f", (double) (right + nearCopies) / named));
        }
        System.out.println();
    }

    /**
     * How many of the named tickets, other than the original, are near-copies of the query already in the corpus
     * (two tickets written from one: at least {@value #NEAR_COPY} of their distinct words shared, Jaccard).
     */
    private static long nearCopies(List<Neighbour> names, Set<String> query, List<Set<String>> held, String original) {
        return names.stream().filter(n -> !n.entry().id().equals(original))
                .filter(n -> jaccard(query, held.get(Integer.parseInt(n.entry().id()))) >= NEAR_COPY).count();
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        long shared = a.stream().filter(b::contains).count();
        long union = a.size() + b.size() - shared;
        return union == 0 ? 0 : (double) shared / union;
    }

    /** A ticket's distinct words of two or more letters or digits, in lower case. */
    private static Set<String> words(Labelled ticket) {
        Set<String> words = new HashSet<>();
        Matcher word = WORD.matcher((ticket.subject() + " " + ticket.body()).toLowerCase(Locale.ROOT));
        while (word.find()) {
            words.add(word.group());
        }
        return words;
    }

    private static List<Neighbour> named(List<Neighbour> found, double threshold, int shown) {
        return found.stream().filter(n -> n.similarity() >= threshold).limit(shown).toList();
    }

    /**
     * The same ticket as a customer sends it again: "Re:" before the subject, one of a few first lines before the
     * text, the last sentence dropped from a longer text, a signature after it, or several of these.
     */
    private static Labelled resend(Labelled ticket, Random random) {
        String subject = random.nextBoolean() ? "Re: " + ticket.subject() : ticket.subject();
        String body = ticket.body().strip();
        String[] sentences = body.split("(?<=[.!?])\\s+");
        int kind = random.nextInt(3);
        if (kind == 0 || sentences.length < 3) {
            body = FOLLOW_UPS.get(random.nextInt(FOLLOW_UPS.size())) + "\n\n" + body;
        } else if (kind == 1) {
            body = String.join(" ", Arrays.copyOf(sentences, sentences.length - 1));
        }
        if (kind == 2 || random.nextBoolean()) {
            body = body + "\n\n" + SIGNATURES.get(random.nextInt(SIGNATURES.size()));
        }
        return new Labelled(subject, body, ticket.queue());
    }

    /**
     * The cost part: the desk's step ({@link SimilarTickets#annotate}) with {@value #OPEN_TICKETS} tickets held, one
     * every 26 s over the last 72 hours, against classifying the same tickets one per call.
     */
    private static void cost(List<Labelled> corpus, TicketModel model) {
        Instant start = Instant.parse("2026-12-07T10:00:00Z");
        Duration spacing = SimilarSettings.defaults().window().dividedBy(OPEN_TICKETS);
        Random random = new Random(11);
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < OPEN_TICKETS + QUERIES * ROUNDS; i++) {
            Labelled source = corpus.get(i % corpus.size());
            Labelled text = i < corpus.size() ? source : resend(source, random);
            tickets.add(new Ticket("bench", String.valueOf(i), text.subject(), text.body(), List.of(),
                    start.plus(spacing.multipliedBy(i))));
        }
        MutableClock clock = new MutableClock(start);
        SimilarTickets similar = new SimilarTickets("bench", SimilarSettings.defaults(), () -> model, clock);
        Classification none = new Classification(Map.of());
        long heapBefore = usedHeap();
        for (int i = 0; i < OPEN_TICKETS; i++) {
            clock.set(tickets.get(i).updatedAt());
            similar.annotate(new TriageDecision(tickets.get(i), none, Optional.empty(), false,
                    Optional.empty(), false, model.id()));
        }
        long heap = usedHeap() - heapBefore;
        TicketClassifier classifier = new TicketClassifier(model, new TriagePolicy(0.45, 0.45,
                QueueFallback.REVIEW));
        List<Double> lookupMs = new ArrayList<>();
        List<Double> vectorMs = new ArrayList<>();
        List<Double> classifyMs = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        long duplicates = 0;
        for (int round = 0; round < ROUNDS; round++) {
            List<Ticket> batch = tickets.subList(OPEN_TICKETS + round * QUERIES, OPEN_TICKETS + (round + 1) * QUERIES);
            long t0 = System.nanoTime();
            List<TriageDecision> decisions = new ArrayList<>();
            for (Ticket ticket : batch) {
                decisions.add(classifier.decideAll(List.of(ticket)).get(0));
            }
            long t1 = System.nanoTime();
            for (TriageDecision decision : decisions) {
                clock.set(decision.ticket().updatedAt());
                duplicates += similar.annotate(decision).resemblance().possibleDuplicate() ? 1 : 0;
            }
            long t2 = System.nanoTime();
            for (TriageDecision decision : decisions) {
                model.tfIdf(decision.ticket().text(), false);
            }
            vectorMs.add((System.nanoTime() - t2) / 1e6 / batch.size());
            double classify = (t1 - t0) / 1e6 / batch.size();
            double lookup = (t2 - t1) / 1e6 / batch.size();
            classifyMs.add(classify);
            lookupMs.add(lookup);
            ratios.add(lookup / classify);
        }
        System.out.printf(Locale.ROOT, "Cost with %d tickets in the index (%d held after the runs; %d lookups per "
                        + "round, %d rounds, medians):%n", OPEN_TICKETS, similar.indexed(), QUERIES, ROUNDS);
        System.out.printf(Locale.ROOT, "  similar tickets and bursts, per ticket: %.2f ms, of which the vector %.2f ms%n",
                median(lookupMs), median(vectorMs));
        System.out.printf(Locale.ROOT, "  classify (Processor API, 1 ticket per call), per ticket: %.2f ms%n",
                median(classifyMs));
        System.out.printf(Locale.ROOT, "  ratio similar / classify: %.2f%n", median(ratios));
        System.out.printf(Locale.ROOT, "  heap of the index: %.1f MB (%.1f KB per ticket)%n", heap / 1e6,
                heap / 1e3 / OPEN_TICKETS);
        System.out.printf("  lookups that named a possible duplicate: %d of %d, bursts recognised: %d%n", duplicates,
                (long) QUERIES * ROUNDS, similar.bursts());
    }

    private static TfIdfVector vector(TicketModel model, String subject, String body, boolean characters) {
        return model.tfIdf(new TicketText(subject, body), characters).orElseThrow(() -> new IllegalArgumentException(
                "the model " + model.name() + " has no TF-IDF vectors: give a model written by train"));
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static <T> List<T> concat(List<? extends T> a, List<? extends T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Map<String, String> options(String[] args) {
        String usage = "usage: SimilarityBenchmark [--data <csv.gz>] [--model <bundle>] [--seed <split's seed, "
                + "default 20261207>] [--part all|precision|cost]";
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException(usage);
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!List.of("--data", "--model", "--seed", "--part").contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; " + usage);
            }
            options.put(args[i], args[i + 1]);
        }
        if (!List.of("all", "precision", "cost").contains(options.getOrDefault("--part", "all"))) {
            throw new IllegalArgumentException("--part is all, precision or cost; " + usage);
        }
        return options;
    }
}
