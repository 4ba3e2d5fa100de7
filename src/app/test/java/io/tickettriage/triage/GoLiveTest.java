package io.tickettriage.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.classify.ClassThreshold;
import io.tickettriage.classify.ClassThresholds;
import io.tickettriage.classify.LinearTicketModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-class thresholds and go-live in the service's classifier, with a real model trained by the project's trainer
 * on {@link ThreeQueueCorpus}: billing is measured precise on the held-out tickets, sales is not. Go-live asks the
 * held-out evidence to guarantee its target at its confidence (the Clopper–Pearson lower bound).
 */
class GoLiveTest {

    /** Per-class thresholds low enough that billing is written from any confidence on. */
    private static final double TRAINING_TARGET = 0.6;
    private static final Ticket BILLING_TICKET = ticket("Charged twice", "My invoice was charged twice, please refund "
            + "the payment to my card. It is urgent, I am blocked.");
    private static final Ticket SALES_TICKET = ticket("Pricing", "A question on the pricing of the product, and a "
            + "demo for the team. Whenever you like, a minor thing.");

    private static LinearTicketModel model;

    @BeforeAll
    static void train() {
        model = LinearTicketModel.open(ThreeQueueCorpus.trainedModel(TRAINING_TARGET), "three-queues");
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static Ticket ticket(String subject, String body) {
        return new Ticket("test", subject, subject, body, List.of(), Instant.EPOCH);
    }

    private static TriageDecision decide(Optional<GoLive> goLive, Ticket ticket) {
        DecisionSettings settings = new DecisionSettings(0, 0, QueueFallback.REVIEW, goLive);
        TicketClassifier classifier = new TicketClassifier(model, settings.policyFor(model, new HeldOutPrecision(model)));
        return classifier.decideAll(List.of(ticket)).get(0);
    }

    @Test
    void theHeldOutEvaluationInTheModelIsTheEvidence() {
        HeldOutPrecision evidence = new HeldOutPrecision(model);
        MeasuredPrecision billing = evidence.of(TriagePolicy.QUEUE, ThreeQueueCorpus.BILLING).orElseThrow();
        MeasuredPrecision sales = evidence.of(TriagePolicy.QUEUE, ThreeQueueCorpus.SALES).orElseThrow();
        MeasuredPrecision general = evidence.of(TriagePolicy.QUEUE, ThreeQueueCorpus.GENERAL).orElseThrow();

        assertTrue(billing.tickets() >= 30 && billing.precision() >= 0.95, "billing is precise: " + billing);
        assertTrue(sales.precision() < 0.8 && general.precision() < 0.8, "the other two are a coin toss: " + sales
                + ", " + general);
        assertEquals(Optional.empty(), evidence.of(TriagePolicy.QUEUE, "no-such-queue"));
    }

    @Test
    void aCoinTossClassRidesOnTheHeadsPromiseUntilGoLiveWeighsItsOwnEvidence() {
        // The shared-words ticket is sales or general inquiry, a coin toss either way. The head's one threshold
        // guarantees 60 % for the head's writes, billing's carrying the coin toss; the coin-toss class's own evidence
        // guarantees less, which the report shows and go-live weighs.
        TriageDecision coinTossWithoutGoLive = decide(Optional.empty(), SALES_TICKET);
        String coinToss = coinTossWithoutGoLive.classification().head(TriagePolicy.QUEUE).label();
        assertTrue(List.of(ThreeQueueCorpus.SALES, ThreeQueueCorpus.GENERAL).contains(coinToss), coinToss);
        ClassThresholds thresholds = model.descriptor().head(TriagePolicy.QUEUE).orElseThrow().classThresholds()
                .orElseThrow();
        ClassThreshold own = thresholds.of(coinToss).orElseThrow();
        assertTrue(own.guaranteed() < TRAINING_TARGET, own.toString());
        assertEquals(thresholds.of(ThreeQueueCorpus.BILLING).orElseThrow().threshold(), own.threshold(),
                "the head's one threshold");

        // Billing's 40 held-out tickets, all right, guarantee 94.4 % at 90 % confidence: enough for 90 %.
        Optional<GoLive> goLive = Optional.of(new GoLive(0.9, 0.9, 30));
        TriageDecision held = decide(goLive, SALES_TICKET);
        TriageDecision billing = decide(goLive, BILLING_TICKET);

        assertEquals(Optional.empty(), held.queue(), coinToss + " is held back: " + held.summary());
        assertTrue(held.toReviewQueue() && held.needsReview());
        assertEquals(Optional.of(ThreeQueueCorpus.BILLING), billing.queue(), "billing is live: " + billing.summary());
        assertEquals(Optional.of("high"), billing.priority());
        assertFalse(billing.needsReview());
    }

    @Test
    void tooLittleEvidenceForTheGuaranteeKeepsAPreciseClassBack() {
        MeasuredPrecision evidence = new HeldOutPrecision(model).of(TriagePolicy.QUEUE, ThreeQueueCorpus.BILLING)
                .orElseThrow();
        double guaranteed = new GoLive(0.5, 0.9, 30).guaranteed(evidence);
        assertTrue(evidence.precision() >= 0.95 && guaranteed < 0.95, evidence + " guarantees " + guaranteed);

        TriageDecision held = decide(Optional.of(new GoLive(0.95, 0.9, 30)), BILLING_TICKET);
        TriageDecision live = decide(Optional.of(new GoLive(guaranteed, 0.9, 30)), BILLING_TICKET);

        assertEquals(Optional.empty(), held.queue(), "measured above 95 %, guaranteed below: " + held.summary());
        assertTrue(held.needsReview());
        assertEquals(Optional.of(ThreeQueueCorpus.BILLING), live.queue(), "at its guarantee: " + live.summary());
    }

    @Test
    void aClassIsLiveWhenTheLowerBoundOfItsEvidenceReachesTheTarget() {
        GoLive goLive = new GoLive(0.9, 0.9, 30);
        // n right of n guarantee 0.1^(1/n) at 90 %: 0.9006 for 22, 0.8960 for 21. No minimum count on top.
        assertTrue(goLive.isLive(Optional.of(new MeasuredPrecision(22, 22))));
        assertFalse(goLive.isLive(Optional.of(new MeasuredPrecision(21, 21))));
        // Exactly the target measured is not enough: 27 of 30 guarantee 80.4 %.
        assertFalse(goLive.isLive(Optional.of(new MeasuredPrecision(30, 27))));
        // 190 of 200 (95 %) guarantee 92.6 %.
        assertTrue(goLive.isLive(Optional.of(new MeasuredPrecision(200, 190))));
        assertFalse(goLive.isLive(Optional.of(new MeasuredPrecision(0, 0))), "nothing written, not live");
        assertFalse(goLive.isLive(Optional.empty()), "no evidence, not live");
        assertFalse(new GoLive(0.9, 0.99, 30).isLive(Optional.of(new MeasuredPrecision(30, 30))),
                "30 of 30 guarantee 85.8 % at 99 % confidence");
    }

    @Test
    void theStartupLogSaysWhichClassesAreLive() {
        List<String> lines = new DecisionSettings(0.45, 0.45, QueueFallback.REVIEW,
                Optional.of(new GoLive(0.9, 0.9, 30))).describe(model, new HeldOutPrecision(model));

        String queue = lines.stream().filter(l -> l.contains("queue: live")).findFirst().orElseThrow();
        assertTrue(queue.matches("Go-live at 90% precision guaranteed at 90% confidence, queue: live billing "
                + "\\(\\d+ of \\d+ right, guaranteed 9\\d\\.\\d%\\); held back for review general-inquiry \\(.*\\), "
                + "sales \\(.*\\)"), queue);
        assertTrue(lines.get(0).startsWith("Thresholds: queue per-class for 60% precision, at least 0.45 (billing 0.450, "),
                lines.get(0));
    }

    @Test
    void aModelWithOnlyAQueueHeadGoesLiveOnTheQueueAndLeavesThePriorityAsTheDeskHasIt() {
        try (LinearTicketModel queueOnly = LinearTicketModel.open(ThreeQueueCorpus.trainedModel(TRAINING_TARGET,
                List.of(TriagePolicy.QUEUE)), "queue-only")) {
            DecisionSettings settings = new DecisionSettings(0, 0, QueueFallback.REVIEW,
                    Optional.of(new GoLive(0.9, 0.9, 30)));
            HeldOutPrecision evidence = new HeldOutPrecision(queueOnly);
            List<String> lines = settings.describe(queueOnly, evidence);

            assertTrue(lines.get(0).startsWith("Thresholds: queue per-class for 60% precision, at least 0.00 ("),
                    lines.get(0));
            assertFalse(lines.get(0).contains("priority"), lines.get(0));
            assertEquals("priority: left as the desk has it: the model has no priority head", lines.get(1));
            assertEquals(3, lines.size(), "a go-live line for the queue only: " + lines);
            assertTrue(lines.get(2).contains("queue: live billing ("), lines.get(2));

            TicketClassifier classifier = new TicketClassifier(queueOnly, settings.policyFor(queueOnly, evidence));
            TriageDecision billing = classifier.decideAll(List.of(BILLING_TICKET)).get(0);
            assertEquals(Optional.of(ThreeQueueCorpus.BILLING), billing.queue(), "billing is live");
            assertEquals(Optional.empty(), billing.priority());
            assertFalse(billing.needsReview(), "the priority the model lacks asks for no review");
            TriageDecision sales = classifier.decideAll(List.of(SALES_TICKET)).get(0);
            assertTrue(sales.toReviewQueue() && sales.needsReview(), "sales is held back");
        }
    }

    @Test
    void aModelWithNeitherHeadHasNoPolicy() {
        try (LinearTicketModel other = LinearTicketModel.open(ThreeQueueCorpus.trainedModel(TRAINING_TARGET,
                List.of("category")), "category-only")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () ->
                    DecisionSettings.defaults().policyFor(other, new HeldOutPrecision(other)));
            assertTrue(refused.getMessage().endsWith(" has none of the heads ticket-triage decides [queue, priority];"
                    + " its heads are [category]"), refused.getMessage());
        }
    }

    @Test
    void aModelWithoutPerClassThresholdsKeepsTheConfiguredOnes() {
        try (LinearTicketModel old = LinearTicketModel.open(ThreeQueueCorpus.modelWithoutThresholds(), "old")) {
            DecisionSettings strict = new DecisionSettings(0.999, 0.999, QueueFallback.UNCHANGED, Optional.empty());
            DecisionSettings lax = new DecisionSettings(0, 0, QueueFallback.UNCHANGED, Optional.empty());

            TriageDecision unsure = new TicketClassifier(old, strict.policyFor(old, new HeldOutPrecision(old)))
                    .decideAll(List.of(BILLING_TICKET)).get(0);
            TriageDecision sure = new TicketClassifier(old, lax.policyFor(old, new HeldOutPrecision(old)))
                    .decideAll(List.of(SALES_TICKET)).get(0);

            assertTrue(unsure.queue().isEmpty() && !unsure.toReviewQueue() && unsure.needsReview(), unsure.summary());
            assertTrue(sure.queue().isPresent() && sure.priority().isPresent(), sure.summary());
            assertEquals(List.of("Thresholds: queue 0.00 for every class; priority 0.00 for every class"),
                    lax.describe(old, new HeldOutPrecision(old)));
        }
    }

    @Test
    void theKameletBeanTakesGoLiveAsAProperty(@TempDir Path bundle) throws Exception {
        Files.write(bundle.resolve("model.onnx"), ThreeQueueCorpus.trainedModel(TRAINING_TARGET));
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.start();
            ClassifyAction action = new ClassifyAction();
            action.setCamelContext(context);
            action.setModel(bundle.toString());
            action.setQueueMinConfidence(0);
            action.setPriorityMinConfidence(0);
            action.setGoLiveTargetPrecision("0.9");
            action.setGoLiveConfidence(0.9);
            action.setGoLiveMinSupport(30);

            TriageDecision coinToss = action.classify(Map.of("subject", SALES_TICKET.subject(), "body",
                    SALES_TICKET.body()));
            TriageDecision billing = action.classify(Map.of("subject", BILLING_TICKET.subject(), "body",
                    BILLING_TICKET.body()));

            assertTrue(coinToss.queue().isEmpty() && coinToss.needsReview(), coinToss.summary());
            assertEquals(Optional.of(ThreeQueueCorpus.BILLING), billing.queue(), billing.summary());
        }
    }

    private static Optional<GoLive> parse(String target, String confidence) {
        return GoLive.parse("triage.go-live.target-precision", target, "triage.go-live.confidence", confidence,
                "triage.go-live.min-support", 30);
    }

    @Test
    void aGoLiveTargetOrConfidenceOutsideTheirRangeIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("1.2", "0.9"));
        assertEquals("triage.go-live.target-precision must be above 0 and at most 1 (e.g. 0.9 for 90 %), was 1.2",
                e.getMessage());
        assertEquals("triage.go-live.target-precision must be a precision above 0 and at most 1 (e.g. 0.9), or empty "
                + "for off; was 'high'", assertThrows(IllegalArgumentException.class, () -> parse("high", "0.9"))
                .getMessage());
        assertEquals("triage.go-live.confidence must be above 0 and below 1 (e.g. 0.9 for 90 %), was 1.0",
                assertThrows(IllegalArgumentException.class, () -> parse("0.9", "1")).getMessage());
        assertEquals("triage.go-live.confidence must be a confidence above 0 and below 1 (e.g. 0.9); was '90%'",
                assertThrows(IllegalArgumentException.class, () -> parse("0.9", "90%")).getMessage());
        assertEquals(Optional.empty(), parse(" ", "0.9"));
        assertEquals(Optional.of(new GoLive(0.95, 0.8, 30)), parse("0.95", "0.8"));
    }
}
