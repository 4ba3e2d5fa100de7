package io.tickettriage.model;

import io.tickettriage.classify.ClassThresholds;
import io.tickettriage.classify.FeaturizerSettings;
import io.tickettriage.classify.HeadSpec;
import io.tickettriage.classify.ModelDescriptor;
import io.tickettriage.classify.TagSet;
import io.tickettriage.classify.TextFeaturizer;
import io.tickettriage.classify.TopLabels;
import io.tickettriage.dataset.DataColumns;
import io.tickettriage.evaluate.HeadPredictions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;

/**
 * Trains one linear head per label column over TF-IDF weighted hashed n-grams. The learning is liblinear's algorithm
 * (an L2-regularised linear SVM with squared hinge loss, solved in the dual: the learner behind scikit-learn's
 * LinearSVC), run over primitive arrays by {@link LinearSvm}; this class feeds it our features, calibrates its margins
 * into probabilities and lays the weights out for the graph.
 *
 * <p>Multi-class heads are one-vs-rest, as liblinear does them, but the per-class problems are solved in parallel:
 * they are independent, and a training run should use the machine's cores.
 *
 * <p>Each head's settings ({@link Learner}: C, plain or NB-weighted features, class weights, the calibration's form)
 * are first chosen on a sample of
 * the training tickets by inner cross-validation, within a budget of CPU time ({@link SettingsSearch}); the defaults are
 * where that search starts, not its answer.
 *
 * <p>An SVM gives margins, not probabilities, and the thresholds a user sets ("route only above 70 %") need
 * probabilities that mean something. So each head is cross-fitted ({@link CrossFitting}): trained {@code folds}
 * times, each time without one of {@code folds} parts and scored on that part, so that every training ticket gets a
 * margin from a model that never saw it; a scale and an offset per class are fitted to those unseen margins
 * (softmax(scale_c · margin_c + offset_c), maximum likelihood, {@link Calibration}) and folded into each class's
 * weights and bias. The one-vs-rest problems are solved apart, so their margins are not on one scale: evening them
 * out can change which label wins. The model served is the mean of the fold models (bagging, as scikit-learn's
 * {@code CalibratedClassifierCV} serves its folds' mean), or, when asked, one more model trained on all the tickets.
 *
 * <p>Those unseen predictions are also what the per-class thresholds are chosen on ({@link Result#calibration()}): the
 * held-out evaluation never sees these tickets, and each was scored by a model that never saw it. Every training
 * ticket counts, not one part only, because a class's threshold rests on the tickets predicted as that class, and
 * small classes have few.
 *
 * <p>A multi-label head (tags, {@link DataColumns#multiLabel}) is one binary problem per tag instead, each cross-fitted
 * and calibrated like a two-class head and served as a sigmoid per tag; tags on fewer than
 * {@link Settings#fewestPerTag()} training tickets are left out, and named.
 *
 * <p>Deterministic: same examples and settings give the same weights, bit for bit.
 */
public final class LinearModelTrainer {

    /**
     * @param model       the model, trained on all the examples
     * @param calibration per head, in head order: the calibrated prediction for every training ticket, by the model
     *                    trained without its part, beside the true labels
     * @param searches    per head, in head order: the settings tried and chosen
     */
    public record Result(TrainedModel model, List<HeadPredictions> calibration, List<HeadSettings> searches) {

        public Result {
            calibration = List.copyOf(calibration);
            searches = List.copyOf(searches);
        }
    }

    /**
     * One head's settings search, for people: what was tried on how many tickets, and what was chosen and why.
     *
     * @param tried  each candidate with its cross-validated log-loss and accuracy, in the order tried
     * @param chosen the settings the head was trained with
     */
    public record HeadSettings(String head, int tickets, List<String> tried, Learner chosen, String why,
                               boolean budgetRanOut) {

        public HeadSettings {
            tried = List.copyOf(tried);
        }
    }

    /**
     * @param start        where each head's settings search starts
     * @param folds        the cross-fitting cuts the examples into this many parts
     * @param seed         seed for the parts, the search's sample and the solver's shuffling
     * @param averageFolds serve the mean of the fold models (true) or one more model trained on all the tickets
     * @param budget       the settings search starts no candidate after it has used this much of the process's CPU
     *                     time ({@link ProcessCpuTime}); zero: no search, the start is used
     * @param searchSample the search runs on at most this many of the training tickets, drawn at random
     * @param searchNaiveBayes whether the search walks C for both feature weightings, the start's first, and keeps
     *                     the better; false: the start's weighting stands
     * @param target       the precision the model's thresholds will be chosen for: the search compares the feature
     *                     weightings by what they route at it
     * @param fewestPerTag a multi-label head learns only the tags on at least this many training tickets
     */
    public record Settings(Learner start, int folds, long seed, boolean averageFolds, Duration budget,
                           int searchSample, boolean searchNaiveBayes, double target, int fewestPerTag) {

        /** Tags on fewer training tickets are left out: too few to learn, and to prove a threshold on. */
        public static final int FEWEST_PER_TAG = 20;

        public Settings {
            if (folds < 2) {
                throw new IllegalArgumentException("cross-fitting needs at least 2 folds, was " + folds);
            }
            if (budget.isNegative()) {
                throw new IllegalArgumentException("the search budget cannot be negative, was " + budget);
            }
            if (searchSample < 2 * folds) {
                throw new IllegalArgumentException("the search sample must hold at least 2 tickets per fold, was "
                        + searchSample);
            }
            ClassThresholds.requireTarget("the target precision", target);
            if (fewestPerTag < 1) {
                throw new IllegalArgumentException("the fewest tickets per tag must be at least 1, was "
                        + fewestPerTag);
            }
        }

        /** Tags on fewer than {@value #FEWEST_PER_TAG} training tickets left out. */
        public Settings(Learner start, int folds, long seed, boolean averageFolds, Duration budget, int searchSample,
                        boolean searchNaiveBayes, double target) {
            this(start, folds, seed, averageFolds, budget, searchSample, searchNaiveBayes, target, FEWEST_PER_TAG);
        }

        public static Settings defaults() {
            return new Settings(Learner.defaults(), 5, 42L, true, Duration.ofSeconds(30), 8_000, true, 0.9);
        }

        /** The same with another search budget; zero: no search, the start is used as it is. */
        public Settings withBudget(Duration other) {
            return new Settings(start, folds, seed, averageFolds, other, searchSample, searchNaiveBayes, target,
                    fewestPerTag);
        }
    }

    /** Tickets featurized in parallel before they are packed: enough to keep the cores busy, few to hold. */
    private static final int FEATURIZE_SLICE = 256;

    private final FeaturizerSettings featurizerSettings;
    private final Settings settings;
    private final LongSupplier nanoTime;

    public LinearModelTrainer(FeaturizerSettings featurizerSettings, Settings settings) {
        this(featurizerSettings, settings, new ProcessCpuTime());
    }

    /** @param nanoTime the clock the search budget is kept by */
    LinearModelTrainer(FeaturizerSettings featurizerSettings, Settings settings, LongSupplier nanoTime) {
        this.featurizerSettings = featurizerSettings;
        this.settings = settings;
        this.nanoTime = nanoTime;
    }

    /** The learner in words, for manifests and model metadata. */
    public static String describe(Settings settings) {
        return "L2-loss linear SVM, dual coordinate descent (liblinear's L2R_L2LOSS_SVC_DUAL), one-vs-rest; "
                + "per-class margin scaling and thresholds from " + settings.folds() + "-fold cross-fitting; "
                + (settings.averageFolds() ? "serves the mean of the " + settings.folds() + " fold models"
                : "serves one more model trained on all tickets")
                + (settings.budget().isZero() ? "; " + settings.start().describe()
                : "; settings searched per head from " + settings.start().describe()
                + (settings.searchNaiveBayes() ? ", both feature weightings walked" : ""));
    }

    /**
     * @param name         model name for logs
     * @param textTemplate the template the example texts were rendered with, stored in the model
     * @param headNames    label columns to learn, one head each
     * @param provenance   free-form facts about the data, stored in the model for people
     * @param progress     shown the settings search (seconds of its budget) and the training (models fitted)
     */
    public Result train(String name, String textTemplate, List<String> headNames, List<LabelledText> examples,
                        Map<String, Object> provenance, Progress progress) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        // The single-label heads, searched and trained as one-vs-rest softmax heads; a multi-label head (tags) is one
        // binary problem per tag instead.
        List<String> singleHeads = headNames.stream().filter(head -> !DataColumns.multiLabel(head)).toList();
        List<List<String>> labels = new ArrayList<>();
        List<int[]> classOf = new ArrayList<>();
        for (String head : singleHeads) {
            List<String> known = examples.stream().map(e -> e.label(head)).distinct().sorted().toList();
            if (known.size() < 2) {
                throw new IllegalArgumentException("head '" + head + "' has only the label " + known
                        + " in the training data; a head needs at least two labels to learn anything");
            }
            labels.add(known);
            classOf.add(examples.stream().mapToInt(e -> known.indexOf(e.label(head))).toArray());
        }
        Map<String, TagChoice> tagChoices = new LinkedHashMap<>();
        headNames.stream().filter(DataColumns::multiLabel)
                .forEach(head -> tagChoices.put(head, TagChoice.of(head, examples, settings.fewestPerTag())));
        Featurized featurized = featurize(examples);
        CrossFitting fitting = new CrossFitting(featurized.rows(), settings.seed());
        int[] all = IntStream.range(0, examples.size()).toArray();
        // On data no larger than the search sample the search runs on all the tickets with the final folds, and its
        // winner, fold models and unseen margins alike, is the model: nothing is fitted twice.
        boolean searchIsFinal = settings.averageFolds() && examples.size() <= settings.searchSample();
        List<SettingsSearch.HeadSearch> searches = search(fitting, singleHeads, labels, classOf,
                searchIsFinal ? all : SettingsSearch.sample(all.length, settings.searchSample(), settings.seed()),
                searchIsFinal, progress);
        int remaining = (int) searches.stream().filter(found -> found.fitted() == null || !searchIsFinal).count()
                + tagChoices.values().stream().mapToInt(choice -> choice.kept().size()).sum();
        IntConsumer trained = remaining == 0 ? done -> { } : progress.stage("training " + remaining + " heads and "
                + "tags on " + examples.size() + " tickets", remaining * steps(), "models");
        AtomicInteger models = new AtomicInteger();
        Runnable fittedOne = () -> trained.accept(models.incrementAndGet());
        List<HeadSpec> specs = new ArrayList<>();
        List<HeadWeights> weights = new ArrayList<>();
        List<HeadPredictions> calibrated = new ArrayList<>();
        List<HeadSettings> forPeople = new ArrayList<>();
        for (String head : headNames) {
            if (tagChoices.containsKey(head)) {
                TagChoice choice = tagChoices.get(head);
                TagsHead tags = trainTags(choice, examples, fitting, all, fittedOne);
                specs.add(tags.calibration().head());
                weights.add(tags.weights());
                calibrated.add(tags.calibration());
                forPeople.add(new HeadSettings(head, 0, List.of(), settings.start(), choice.describe(
                        settings.fewestPerTag()) + "; every tag is learned with " + settings.start().describe()
                        + " (no search)", false));
                continue;
            }
            int h = singleHeads.indexOf(head);
            List<String> known = labels.get(h);
            int[] y = classOf.get(h);
            SettingsSearch.HeadSearch found = searches.get(h);
            Learner learner = found.chosen().learner();
            CrossFitting.Fitted fitted = searchIsFinal && found.fitted() != null ? found.fitted()
                    : fitting.crossFit(y, known.size(), all, settings.folds(), learner, settings.averageFolds(),
                    new CrossFitting.WarmStart(), () -> false, fittedOne).orElseThrow();
            Calibration calibration = Calibration.fit(fitted.unseen(), y, learner.sharedScale());
            HeadSpec spec = new HeadSpec(head, known, head + "_probabilities");
            calibrated.add(new HeadPredictions(spec, Arrays.stream(y).mapToObj(known::get).toList(),
                    Arrays.stream(fitted.unseen()).map(m -> TopLabels.of(spec, calibration.probabilities(m)))
                            .toList()));
            CrossFitting.OneVsRest model = fitted.average();
            if (model == null) {
                model = fitting.fitAll(y, known.size(), all, learner);
                fittedOne.run();
            }
            specs.add(spec);
            weights.add(model.toHeadWeights(calibration));
            fitting.release(model);
            forPeople.add(forPeople(found));
        }
        trained.accept(remaining * steps());
        ModelDescriptor descriptor = new ModelDescriptor(ModelDescriptor.FORMAT, name, textTemplate,
                featurizerSettings, specs, provenance);
        return new Result(new TrainedModel(descriptor, featurized.vocabulary(), weights), calibrated, forPeople);
    }

    /**
     * Which tags a multi-label head learns: those on at least {@code fewest} training tickets. A tag on fewer has too
     * few examples to learn, and could never show the evidence a threshold needs; it is left out, and said.
     *
     * @param kept    the tags learned, sorted
     * @param dropped the tags left out, with their number of tickets
     */
    record TagChoice(String head, List<String> kept, Map<String, Integer> dropped) {

        static TagChoice of(String head, List<LabelledText> examples, int fewest) {
            Map<String, Integer> count = new TreeMap<>();
            examples.forEach(e -> TagSet.parse(e.label(head)).forEach(tag -> count.merge(tag, 1, Integer::sum)));
            List<String> kept = count.entrySet().stream().filter(tag -> tag.getValue() >= fewest)
                    .map(Map.Entry::getKey).toList();
            Map<String, Integer> dropped = new TreeMap<>(count);
            kept.forEach(dropped::remove);
            if (kept.isEmpty()) {
                throw new IllegalArgumentException("head '" + head + "': no tag is on at least " + fewest
                        + " training tickets, so there is nothing to learn" + (count.isEmpty() ? " (no ticket has a tag)"
                        : "; the tags and their tickets: " + count) + ". Lower --fewest-per-tag or label more tickets");
            }
            return new TagChoice(head, kept, dropped);
        }

        String describe(int fewest) {
            return kept.size() + " tags" + (dropped.isEmpty() ? "" : "; left out, on fewer than " + fewest
                    + " tickets: " + dropped);
        }
    }

    /** A trained multi-label head: its weights, and the calibrated prediction of every training ticket. */
    private record TagsHead(HeadWeights weights, HeadPredictions calibration) {
    }

    /**
     * One binary problem per tag ("has the tag" against "has it not"), each cross-fitted and calibrated like a two-class
     * head: a two-class softmax is a sigmoid of the difference of its scores, so each tag's weights are its two
     * columns' difference, and the graph's sigmoid over them gives the very probabilities the calibration gave. Every
     * tag's probability is its own; they need not add up to anything. The start settings are used for every tag: a
     * search per tag would cost a search per head times the number of tags.
     */
    private TagsHead trainTags(TagChoice choice, List<LabelledText> examples, CrossFitting fitting, int[] all,
                               Runnable fittedOne) {
        List<String> tags = choice.kept();
        int rows = 0;
        float[] tagWeights = null;
        float[] bias = new float[tags.size()];
        float[][] probabilities = new float[examples.size()][tags.size()];
        List<String> gold = examples.stream().map(e -> e.label(choice.head())).toList();
        Learner learner = settings.start();
        for (int t = 0; t < tags.size(); t++) {
            String tag = tags.get(t);
            // Class 0: the tag applies; class 1: it does not.
            int[] y = gold.stream().mapToInt(labels -> TagSet.holds(labels, tag) ? 0 : 1).toArray();
            CrossFitting.Fitted fitted = fitting.crossFit(y, 2, all, settings.folds(), learner,
                    settings.averageFolds(), new CrossFitting.WarmStart(), () -> false, fittedOne).orElseThrow();
            Calibration calibration = Calibration.fit(fitted.unseen(), y, learner.sharedScale());
            for (int i = 0; i < examples.size(); i++) {
                probabilities[i][t] = calibration.probabilities(fitted.unseen()[i])[0];
            }
            CrossFitting.OneVsRest model = fitted.average();
            if (model == null) {
                model = fitting.fitAll(y, 2, all, learner);
                fittedOne.run();
            }
            HeadWeights pair = model.toHeadWeights(calibration);
            fitting.release(model);
            if (tagWeights == null) {
                rows = pair.rows();
                tagWeights = new float[rows * tags.size()];
            }
            for (int r = 0; r < rows; r++) {
                tagWeights[r * tags.size() + t] = pair.weights()[r * 2] - pair.weights()[r * 2 + 1];
            }
            bias[t] = pair.bias()[0] - pair.bias()[1];
        }
        HeadSpec spec = new HeadSpec(choice.head(), tags, choice.head() + "_probabilities", true);
        return new TagsHead(new HeadWeights(tagWeights, bias), new HeadPredictions(spec, gold,
                Arrays.stream(probabilities).map(p -> TopLabels.ranked(spec, p)).toList()));
    }

    /** How many models the training stage fits per head. */
    private int steps() {
        return settings.folds() + (settings.averageFolds() ? 0 : 1);
    }

    private static HeadSettings forPeople(SettingsSearch.HeadSearch search) {
        return new HeadSettings(search.head(), search.tickets(),
                search.trials().stream().map(SettingsSearch.Trial::describe).toList(), search.chosen().learner(),
                search.why(), search.budgetRanOut());
    }

    /**
     * Each head's settings, searched within the one budget all heads share; with no budget, the start for every head
     * and nothing fitted.
     *
     * @param keep whether the candidates keep their fold models' mean: the search's winner is the model
     */
    private List<SettingsSearch.HeadSearch> search(CrossFitting fitting, List<String> heads, List<List<String>> labels,
                                                   List<int[]> classOf, int[] members, boolean keep,
                                                   Progress progress) {
        if (settings.budget().isZero()) {
            SettingsSearch.Trial start = new SettingsSearch.Trial(settings.start(), Double.NaN, Double.NaN,
                    Double.NaN);
            return heads.stream().map(head -> new SettingsSearch.HeadSearch(head, 0, List.of(), start, null, false,
                    null)).toList();
        }
        int seconds = (int) Math.max(1, settings.budget().toSeconds());
        IntConsumer shown = progress.stage("choosing settings on " + members.length + " tickets", seconds, "CPU s");
        long started = nanoTime.getAsLong();
        long end = started + settings.budget().toNanos();
        Runnable tick = () -> shown.accept((int) Math.min(seconds - 1,
                Duration.ofNanos(nanoTime.getAsLong() - started).toSeconds()));
        SettingsSearch search = new SettingsSearch(fitting, settings.folds(), settings.searchNaiveBayes(),
                settings.target(), nanoTime);
        List<SettingsSearch.HeadSearch> found = new ArrayList<>();
        for (int h = 0; h < heads.size(); h++) {
            // Each head gets an equal share of what is left, so that the first head's walks cannot starve the last;
            // what a head leaves unused goes to the heads after it.
            long now = nanoTime.getAsLong();
            long deadline = now + Math.max(0, end - now) / (heads.size() - h);
            found.add(search.search(heads.get(h), classOf.get(h), labels.get(h).size(), members, settings.start(),
                    keep, deadline, tick));
        }
        shown.accept(seconds);
        return found;
    }

    /** The examples as training rows, and the vocabulary and weighting they were built with. */
    private record Featurized(TfIdfVocabulary vocabulary, SparseRows rows) {
    }

    /**
     * The hashed features exist only in here, packed into one array ({@link PackedFeatures}) a slice of tickets at a
     * time: each ticket's own arrays are garbage as soon as it is packed, and the garbage collector never has to copy
     * a growing pile of small arrays. That one array then becomes the training rows.
     */
    private Featurized featurize(List<LabelledText> examples) {
        TextFeaturizer featurizer = new TextFeaturizer(featurizerSettings);
        // About two features per character of text, from the corpus at hand: a guess that rarely has to grow.
        PackedFeatures.Builder builder = new PackedFeatures.Builder(examples.size(),
                (int) Math.min(Integer.MAX_VALUE - 16, 2L * examples.stream().mapToLong(e -> e.text().length()).sum()));
        for (int from = 0; from < examples.size(); from += FEATURIZE_SLICE) {
            examples.subList(from, Math.min(examples.size(), from + FEATURIZE_SLICE)).parallelStream()
                    .map(e -> PackedFeatures.sortedEntries(featurizer.featurize(e.text()))).toList()
                    .forEach(builder::add);
        }
        PackedFeatures features = builder.build();
        TfIdfVocabulary vocabulary = TfIdfVocabulary.fit(featurizerSettings, features);
        // The vocabulary holds every feature of these very tickets, so each keeps all its entries: weighed, they are
        // written back where they were, (id, tf) becoming (feature index, TF-IDF value), and the packed features
        // become the rows without a second array.
        long[] entries = features.entries();
        int[] start = features.start();
        int slices = (features.tickets() + FEATURIZE_SLICE - 1) / FEATURIZE_SLICE;
        IntStream.range(0, slices).parallel().forEach(slice -> {
            int first = slice * FEATURIZE_SLICE;
            int end = Math.min(features.tickets(), first + FEATURIZE_SLICE);
            // One pair of scratch arrays per slice, as long as its longest ticket: not a pair per ticket.
            int longest = IntStream.range(first, end).map(i -> start[i + 1] - start[i]).max().orElse(0);
            int[] rows = new int[longest];
            double[] values = new double[longest];
            for (int i = first; i < end; i++) {
                int size = vocabulary.weigh(features, i, rows, values, 0);
                for (int k = 0; k < size; k++) {
                    // Vocabulary rows are 1-based (row 0 is for unknown features), feature indices 0-based.
                    entries[start[i] + k] = SparseRows.entry(rows[k] - 1, (float) values[k]);
                }
            }
        });
        return new Featurized(vocabulary, new SparseRows(start, entries, vocabulary.size() + 1));
    }

}
