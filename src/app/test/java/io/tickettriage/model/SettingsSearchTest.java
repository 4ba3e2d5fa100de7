package io.tickettriage.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.classify.FeaturizerSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The settings search: it moves away from a poor start, stops when its budget is spent, and is reproducible. */
class SettingsSearchTest {

    private static final FeaturizerSettings FEATURES = FeaturizerSettings.defaults().withCharNgrams("3-4");

    @Test
    void aStartFarTooTightIsLoosenedByTheSearch() {
        // At C = 0.001 the weights can hardly move off zero: the search must find a larger C.
        LinearModelTrainer.Result trained = trainer(new Learner(0.001, false, false), Duration.ofHours(1),
                new AtomicLong()).train("search", "{subject}", List.of("queue"), noisyTickets(), Map.of(),
                Progress.silent());
        LinearModelTrainer.HeadSettings queue = trained.searches().get(0);
        assertTrue(queue.chosen().cost() > 0.001, queue.chosen().describe());
        assertTrue(queue.why().startsWith("lowest cross-validated log-loss"), queue.why());
        assertFalse(queue.budgetRanOut());
        assertTrue(queue.tried().size() >= 4, queue.tried().toString());
    }

    @Test
    void noCandidateStartsOnceTheBudgetIsSpent() {
        // A clock that moves an hour each time it is read: the start is tried, and nothing after it.
        AtomicLong clock = new AtomicLong();
        LinearModelTrainer trainer = new LinearModelTrainer(FEATURES, settings(new Learner(1000, false, false),
                Duration.ofMinutes(1)), () -> clock.addAndGet(Duration.ofHours(1).toNanos()));
        LinearModelTrainer.HeadSettings queue = trainer.train("search", "{subject}", List.of("queue"), noisyTickets(),
                Map.of(), Progress.silent()).searches().get(0);
        assertTrue(queue.budgetRanOut());
        assertEquals(1000, queue.chosen().cost());
        // The start's two calibrations cost one fitting and are both recorded.
        assertEquals(2, queue.tried().size(), queue.tried().toString());
    }

    @Test
    void theSameTicketsAndSeedGiveTheSameModel() {
        List<LabelledText> tickets = noisyTickets();
        LinearModelTrainer.Result first = trainer(Learner.defaults(), Duration.ofHours(1), new AtomicLong())
                .train("search", "{subject}", List.of("queue"), tickets, Map.of(), Progress.silent());
        LinearModelTrainer.Result second = trainer(Learner.defaults(), Duration.ofHours(1), new AtomicLong())
                .train("search", "{subject}", List.of("queue"), tickets, Map.of(), Progress.silent());
        assertEquals(first.searches(), second.searches());
        assertEquals(java.util.Arrays.toString(first.model().heads().get(0).weights()),
                java.util.Arrays.toString(second.model().heads().get(0).weights()));
    }

    @Test
    void withoutABudgetTheStartIsUsedAsItIs() {
        LinearModelTrainer.HeadSettings queue = trainer(new Learner(1000, true, true), Duration.ZERO, new AtomicLong())
                .train("search", "{subject}", List.of("queue"), noisyTickets(), Map.of(), Progress.silent())
                .searches().get(0);
        assertEquals(new Learner(1000, true, true), queue.chosen());
        assertTrue(queue.tried().isEmpty());
        assertNotEquals("", queue.why());
    }

    private static LinearModelTrainer trainer(Learner start, Duration budget, AtomicLong clock) {
        // A still clock: the budget never runs out, so the search walks as far as it would on any machine.
        return new LinearModelTrainer(FEATURES, settings(start, budget), clock::get);
    }

    private static LinearModelTrainer.Settings settings(Learner start, Duration budget) {
        return new LinearModelTrainer.Settings(start, 3, 7, true, budget, 8_000);
    }

    /** Three queues with their own words, a quarter of the labels drawn at random. */
    private static List<LabelledText> noisyTickets() {
        Random random = new Random(11);
        Map<String, List<String>> words = Map.of(
                "billing", List.of("invoice", "refund", "charged", "payment", "receipt", "card"),
                "access", List.of("password", "login", "locked", "account", "token", "reset"),
                "shipping", List.of("parcel", "delivery", "courier", "tracking", "late", "address"));
        List<String> queues = List.copyOf(new java.util.TreeSet<>(words.keySet()));
        List<LabelledText> tickets = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            String queue = queues.get(i % queues.size());
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 6; w++) {
                List<String> pool = random.nextInt(3) == 0 ? words.get(queues.get(random.nextInt(3))) : words.get(queue);
                text.append(pool.get(random.nextInt(pool.size()))).append(' ');
            }
            String label = random.nextInt(4) == 0 ? queues.get(random.nextInt(3)) : queue;
            tickets.add(new LabelledText(text.toString().strip(), Map.of("queue", label)));
        }
        return tickets;
    }
}
