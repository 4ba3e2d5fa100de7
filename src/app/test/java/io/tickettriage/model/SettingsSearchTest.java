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
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The settings search: it moves away from a poor start, keeps the feature weighting that suits the data, stops when
 * its budget is spent, and is reproducible.
 */
class SettingsSearchTest {

    private static final FeaturizerSettings FEATURES = FeaturizerSettings.defaults().withCharNgrams("3-4");

    @Test
    void aStartFarTooTightIsLoosenedByTheSearch() {
        // At C = 0.001 the weights can hardly move off zero: the search must find a larger C.
        LinearModelTrainer.Result trained = trainQueue(trainer(new Learner(0.001, false, false, false),
                Duration.ofHours(1)), noisyTickets());
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
        LinearModelTrainer trainer = new LinearModelTrainer(FEATURES, settings(new Learner(1000, false, false, false),
                Duration.ofMinutes(1)), () -> clock.addAndGet(Duration.ofHours(1).toNanos()));
        LinearModelTrainer.HeadSettings queue = queueSearch(trainer, noisyTickets());
        assertTrue(queue.budgetRanOut());
        assertEquals(1000, queue.chosen().cost());
        // The start's two calibrations cost one fitting and are both recorded; the NB weighting's walk never starts.
        assertEquals(2, queue.tried().size(), queue.tried().toString());
    }

    @Test
    void theSameTicketsAndSeedGiveTheSameModel() {
        List<LabelledText> tickets = noisyTickets();
        LinearModelTrainer.Result first = trainQueue(trainer(Learner.defaults(), Duration.ofHours(1)), tickets);
        LinearModelTrainer.Result second = trainQueue(trainer(Learner.defaults(), Duration.ofHours(1)), tickets);
        assertEquals(first.searches(), second.searches());
        assertEquals(java.util.Arrays.toString(first.model().heads().get(0).weights()),
                java.util.Arrays.toString(second.model().heads().get(0).weights()));
    }

    @Test
    void withoutABudgetTheStartIsUsedAsItIs() {
        LinearModelTrainer.HeadSettings queue = queueSearch(trainer(new Learner(1000, true, true, true), Duration.ZERO),
                noisyTickets());
        assertEquals(new Learner(1000, true, true, true), queue.chosen());
        assertTrue(queue.tried().isEmpty());
        assertNotEquals("", queue.why());
    }

    @Test
    void nbWeightingWinsWhereAFewKeywordsHideAmongSharedWords() {
        LinearModelTrainer.HeadSettings queue = queueSearch(trainer(Learner.defaults(), Duration.ofHours(1)),
                keywordsAmongFiller());
        assertTrue(queue.chosen().naiveBayes(), queue.why());
        assertTrue(queue.why().contains("NB-weighted features (routes "), queue.why());
        assertTrue(triedCosts(queue, "plain TF-IDF features").size() >= 2, queue.tried().toString());
        assertFalse(queue.budgetRanOut());
    }

    @Test
    void plainFeaturesWinWhereManyCommonWordsEachTellALittle() {
        LinearModelTrainer.HeadSettings queue = queueSearch(trainer(Learner.defaults(), Duration.ofHours(1)),
                commonWordsAndRareNoise());
        assertFalse(queue.chosen().naiveBayes(), queue.why());
        assertTrue(queue.why().contains("plain TF-IDF features (routes "), queue.why());
        // The NB weighting was judged at its own best C: its walk went on past the C plain features chose.
        assertTrue(triedCosts(queue, "NB-weighted features").size() >= 3, queue.tried().toString());
    }

    @Test
    void aWeightingNotSearchedIsNeverTried() {
        // Where the search would take NB weighting, off (the start's plain features, not searched) keeps it off.
        LinearModelTrainer trainer = new LinearModelTrainer(FEATURES, new LinearModelTrainer.Settings(
                Learner.defaults(), 3, 7, true, Duration.ofHours(1), 8_000, false, 0.9), () -> 0L);
        LinearModelTrainer.HeadSettings queue = queueSearch(trainer, keywordsAmongFiller());
        assertFalse(queue.chosen().naiveBayes());
        assertTrue(triedCosts(queue, "NB-weighted features").isEmpty(), queue.tried().toString());
        assertFalse(queue.why().contains("NB-weighted"), queue.why());
    }

    @Test
    void coverageIsTheMostOneThresholdRoutesAtTheTarget() {
        // The two surest right, then a wrong one, then two right, then a wrong one; the last two equally sure.
        SettingsSearch.Top top = new SettingsSearch.Top(new double[] {0.9, 0.8, 0.7, 0.6, 0.5, 0.5},
                new boolean[] {true, true, false, true, true, false});
        assertEquals(2 / 6.0, top.coverage(1.0), 1e-9);
        // 3 of 4 right at 0.6.
        assertEquals(4 / 6.0, top.coverage(0.75), 1e-9);
        // 4 of 5 would pass 70 %, but no threshold routes five: the fifth and sixth are equally sure (4 of 6).
        assertEquals(4 / 6.0, top.coverage(0.7), 1e-9);
        assertEquals(1.0, top.coverage(0.6), 1e-9);
        assertEquals(4 / 6.0, top.accuracy(), 1e-9);
    }

    /** The Cs tried with this feature weighting, from the candidates' descriptions. */
    private static Set<String> triedCosts(LinearModelTrainer.HeadSettings head, String weighting) {
        return head.tried().stream().filter(trial -> trial.contains(weighting))
                .map(trial -> trial.substring(0, trial.indexOf(','))).collect(Collectors.toSet());
    }

    /**
     * Three queues, each told apart by one of its own few keywords, hidden among many words all queues use alike, a
     * fifth of the labels drawn at random: NB weighting scales the shared words down to nothing and the keywords up.
     */
    private static List<LabelledText> keywordsAmongFiller() {
        Random random = new Random(5);
        List<String> queues = List.of("access", "billing", "shipping");
        List<LabelledText> tickets = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            int queue = i % queues.size();
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 25; w++) {
                text.append("w").append(random.nextInt(150)).append(' ');
            }
            text.append("k").append(queue).append('x').append(random.nextInt(4));
            String label = random.nextInt(5) == 0 ? queues.get(random.nextInt(3)) : queues.get(queue);
            tickets.add(new LabelledText(text.toString(), Map.of("queue", label)));
        }
        return tickets;
    }

    /**
     * Three queues told apart only by many common words, each used a little more often by one queue than by the
     * others, and each ticket with rare words of its own: NB weighting scales the telling words down (they are
     * nearly as frequent everywhere) and the rare words up (seen in one queue only, by chance).
     */
    private static List<LabelledText> commonWordsAndRareNoise() {
        Random random = new Random(5);
        List<String> queues = List.of("access", "billing", "shipping");
        List<LabelledText> tickets = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            int queue = i % queues.size();
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 30; w++) {
                int word = random.nextInt(60);
                // A word belongs to queue word % 3, which uses it half as often again as the others.
                if (word % 3 != queue && random.nextInt(3) == 0) {
                    word = word - word % 3 + queue;
                }
                text.append("c").append(word).append(' ');
            }
            for (int w = 0; w < 4; w++) {
                text.append("r").append(random.nextInt(5000)).append(' ');
            }
            tickets.add(new LabelledText(text.toString().strip(), Map.of("queue", queues.get(queue))));
        }
        return tickets;
    }

    private static LinearModelTrainer trainer(Learner start, Duration budget) {
        // A still clock: the budget never runs out, so the search walks as far as it would on any machine.
        return new LinearModelTrainer(FEATURES, settings(start, budget), () -> 0L);
    }

    /** A model with the one head queue, trained on the tickets' subjects. */
    private static LinearModelTrainer.Result trainQueue(LinearModelTrainer trainer, List<LabelledText> tickets) {
        return trainer.train("search", "{subject}", List.of("queue"), tickets, Map.of(), Progress.silent());
    }

    /** What the search chose for the queue head, and why. */
    private static LinearModelTrainer.HeadSettings queueSearch(LinearModelTrainer trainer,
                                                               List<LabelledText> tickets) {
        return trainQueue(trainer, tickets).searches().get(0);
    }

    private static LinearModelTrainer.Settings settings(Learner start, Duration budget) {
        return new LinearModelTrainer.Settings(start, 3, 7, true, budget, 8_000, true, 0.9);
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
