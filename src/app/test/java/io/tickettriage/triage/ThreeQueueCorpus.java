package io.tickettriage.triage;

import io.tickettriage.classify.PrecisionBound;
import io.tickettriage.classify.FeaturizerSettings;
import io.tickettriage.dataset.LabelledDataset;
import io.tickettriage.dataset.LabelledTicket;
import io.tickettriage.model.LabelledText;
import io.tickettriage.model.LinearModelTrainer;
import io.tickettriage.model.ModelTraining;
import io.tickettriage.model.OnnxLinearModelWriter;
import io.tickettriage.model.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small corpus written for these tests, and models trained on it by the project's own trainer. Billing tickets
 * have words of their own, so the model is sure and right about them; sales and general-inquiry tickets are drawn
 * from one pool of words, so the model cannot tell them apart and is right about half the time. Priorities (high,
 * low) have words of their own too.
 */
final class ThreeQueueCorpus {

    static final String BILLING = "billing";
    static final String SALES = "sales";
    static final String GENERAL = "general-inquiry";

    private static final List<String> BILLING_WORDS = List.of("invoice", "charged", "refund", "payment", "billed",
            "receipt", "card", "twice", "overcharged", "credit");
    private static final List<String> SHARED_WORDS = List.of("question", "information", "product", "offer",
            "details", "pricing", "demo", "contact", "plan", "team", "brochure", "meeting");
    private static final List<String> HIGH_WORDS = List.of("urgent", "immediately", "critical", "asap", "blocked");
    private static final List<String> LOW_WORDS = List.of("whenever", "minor", "later", "eventually", "cosmetic");

    private ThreeQueueCorpus() {
    }

    /** {@code perQueue} tickets of each queue, half of them high priority; the same tickets for the same seed. */
    static List<LabelledTicket> tickets(int perQueue, long seed) {
        Random random = new Random(seed);
        List<LabelledTicket> tickets = new ArrayList<>();
        for (int i = 0; i < perQueue; i++) {
            for (String queue : List.of(BILLING, SALES, GENERAL)) {
                String priority = tickets.size() % 2 == 0 ? "high" : "low";
                String body = words(random, BILLING.equals(queue) ? BILLING_WORDS : SHARED_WORDS, 6) + " "
                        + words(random, "high".equals(priority) ? HIGH_WORDS : LOW_WORDS, 2);
                tickets.add(new LabelledTicket("Ticket " + tickets.size(), body,
                        Map.of(TriagePolicy.QUEUE, queue, TriagePolicy.PRIORITY, priority)));
            }
        }
        return tickets;
    }

    /**
     * A model trained and scored on held-out tickets, carrying per-class thresholds for {@code target} at the default
     * confidence.
     */
    static byte[] trainedModel(double target) {
        return trainedModel(target, List.of(TriagePolicy.QUEUE, TriagePolicy.PRIORITY));
    }

    /**
     * The same with only the heads {@code heads}; a head other than the queue and the priority learns the queues
     * under its own name (a model for a head the service does not use).
     */
    static byte[] trainedModel(double target, List<String> heads) {
        return training().train("three-queues", "{subject}\n{body}", heads, labelled(tickets(60, 1), heads),
                new LabelledDataset("held-out", labelled(tickets(40, 2), heads), 0), target, PrecisionBound.DEFAULT_CONFIDENCE, Map.of(),
                Progress.silent()).onnx();
    }

    private static List<LabelledTicket> labelled(List<LabelledTicket> tickets, List<String> heads) {
        return tickets.stream().map(t -> {
            Map<String, String> labels = new HashMap<>();
            heads.forEach(head -> labels.put(head, t.labels().getOrDefault(head, t.labels().get(TriagePolicy.QUEUE))));
            return new LabelledTicket(t.subject(), t.body(), labels);
        }).toList();
    }

    /** The same learner's model as {@code train} wrote before per-class thresholds existed: no thresholds at all. */
    static byte[] modelWithoutThresholds() {
        List<LabelledText> examples = tickets(60, 1).stream()
                .map(t -> new LabelledText(t.subject() + "\n" + t.body(), t.labels())).toList();
        return new OnnxLinearModelWriter().write(trainer().train("three-queues", "{subject}\n{body}",
                List.of(TriagePolicy.QUEUE, TriagePolicy.PRIORITY), examples, Map.of(), Progress.silent()).model());
    }

    private static ModelTraining training() {
        return new ModelTraining(trainer());
    }

    private static LinearModelTrainer trainer() {
        return new LinearModelTrainer(FeaturizerSettings.defaults(), LinearModelTrainer.Settings.defaults().withBudget(Duration.ZERO));
    }

    private static String words(Random random, List<String> pool, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append(pool.get(random.nextInt(pool.size())));
        }
        return text.toString();
    }
}
