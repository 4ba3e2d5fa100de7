package io.tickettriage.model;

import io.tickettriage.classify.FeaturizerSettings;
import io.tickettriage.classify.HeadSpec;
import io.tickettriage.classify.ModelDescriptor;
import io.tickettriage.classify.TextFeaturizer;
import io.tickettriage.classify.TopLabels;
import io.tickettriage.evaluate.HeadPredictions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;
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
 * <p>An SVM gives margins, not probabilities, and the thresholds a user sets ("route only above 70 %") need
 * probabilities that mean something. So each head is also cross-fitted: trained {@code folds} times, each time without
 * one of {@code folds} parts and scored on that part, so that every training ticket gets a margin from a model that
 * never saw it; a scale and an offset per class are fitted to those unseen margins
 * (softmax(scale_c · margin_c + offset_c), maximum likelihood, {@link Calibration}) and folded into each class's
 * weights and bias. The one-vs-rest problems are solved apart, so their margins are not on one scale: evening them
 * out can change which label wins, and on the bench it raised macro-F1.
 *
 * <p>Those unseen predictions are also what the per-class thresholds are chosen on ({@link Result#calibration()}): the
 * held-out evaluation never sees these tickets, and each was scored by a model that never saw it. Every training
 * ticket counts, not one part only, because a class's threshold rests on the tickets predicted as that class, and
 * small classes have few.
 *
 * <p>Deterministic: same examples and settings give the same weights, bit for bit.
 */
public final class LinearModelTrainer {

    /**
     * @param model       the model, trained on all the examples
     * @param calibration per head, in head order: the calibrated prediction for every training ticket, by the model
     *                    trained without its part, beside the true labels
     */
    public record Result(TrainedModel model, List<HeadPredictions> calibration) {

        public Result {
            calibration = List.copyOf(calibration);
        }
    }

    /**
     * @param cost  liblinear's C: higher fits the training data more closely (scikit-learn's default is 1; 2 gave
     *              the better macro-F1 and coverage on the bench)
     * @param folds the calibration's cross-fitting cuts the examples into this many parts
     * @param seed  seed for the parts and for the solver's shuffling
     */
    public record Settings(double cost, int folds, long seed) {

        public Settings {
            if (!(cost > 0)) {
                throw new IllegalArgumentException("cost (C) must be positive, was " + cost);
            }
            if (folds < 2) {
                throw new IllegalArgumentException("calibration needs at least 2 folds, was " + folds);
            }
        }

        public static Settings defaults() {
            return new Settings(2.0, 3, 42L);
        }
    }

    private static final double TOLERANCE = 0.1;
    /** Tickets featurized in parallel before they are packed: enough to keep the cores busy, few to hold. */
    private static final int FEATURIZE_SLICE = 256;

    private final FeaturizerSettings featurizerSettings;
    private final Settings settings;

    public LinearModelTrainer(FeaturizerSettings featurizerSettings, Settings settings) {
        this.featurizerSettings = featurizerSettings;
        this.settings = settings;
    }

    /** The learner in words, for manifests and model metadata. */
    public static String describe(Settings settings) {
        return "L2-loss linear SVM, dual coordinate descent (liblinear's L2R_L2LOSS_SVC_DUAL), one-vs-rest, C="
                + settings.cost()
                + ", per-class margin scaling and thresholds from " + settings.folds() + "-fold cross-fitting";
    }

    /** How many steps {@link #train} reports to its progress callback. */
    public int steps(int heads) {
        return 1 + (settings.folds() + 1) * heads;
    }

    /**
     * @param name         model name for logs
     * @param textTemplate the template the example texts were rendered with, stored in the model
     * @param headNames    label columns to learn, one head each
     * @param provenance   free-form facts about the data, stored in the model for people
     * @param progress     told how many of {@link #steps} are done
     */
    public Result train(String name, String textTemplate, List<String> headNames, List<LabelledText> examples,
                        Map<String, Object> provenance, IntConsumer progress) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        Featurized featurized = featurize(examples);
        TfIdfVocabulary vocabulary = featurized.vocabulary();
        SparseRows rows = featurized.rows();
        int done = 1;
        progress.accept(done);
        int[] fold = folds(examples.size());
        List<HeadSpec> specs = new ArrayList<>();
        List<HeadWeights> weights = new ArrayList<>();
        List<HeadPredictions> calibrated = new ArrayList<>();
        Queue<double[]> spare = new ConcurrentLinkedQueue<>();
        for (String head : headNames) {
            List<String> labels = examples.stream().map(e -> e.label(head)).distinct().sorted().toList();
            if (labels.size() < 2) {
                throw new IllegalArgumentException("head '" + head + "' has only the label " + labels
                        + " in the training data; a head needs at least two labels to learn anything");
            }
            int[] y = examples.stream().mapToInt(e -> labels.indexOf(e.label(head))).toArray();
            double[][] unseen = new double[rows.rows()][];
            for (int part = 0; part < settings.folds(); part++) {
                int heldBack = part;
                OneVsRest draft = fit(rows, y, labels.size(), i -> fold[i] != heldBack, spare);
                for (int i = 0; i < rows.rows(); i++) {
                    if (fold[i] == heldBack) {
                        unseen[i] = draft.margins(rows, i);
                    }
                }
                spare.addAll(Arrays.asList(draft.w()));
                progress.accept(++done);
            }
            Calibration calibration = Calibration.fit(unseen, y);
            HeadSpec spec = new HeadSpec(head, labels, head + "_probabilities");
            calibrated.add(new HeadPredictions(spec, Arrays.stream(y).mapToObj(labels::get).toList(),
                    Arrays.stream(unseen).map(m -> TopLabels.of(spec, calibration.probabilities(m))).toList()));
            OneVsRest model = fit(rows, y, labels.size(), i -> true, spare);
            progress.accept(++done);
            specs.add(spec);
            weights.add(model.toHeadWeights(calibration));
        }
        ModelDescriptor descriptor = new ModelDescriptor(ModelDescriptor.FORMAT, name, textTemplate,
                featurizerSettings, specs, provenance);
        return new Result(new TrainedModel(descriptor, vocabulary, weights), calibrated);
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

    /** Each example's part, 0 … folds - 1, dealt out in a seeded shuffle: the same parts on every run. */
    private int[] folds(int size) {
        Integer[] order = new Integer[size];
        Arrays.setAll(order, i -> i);
        Collections.shuffle(Arrays.asList(order), new Random(settings.seed()));
        int[] fold = new int[size];
        for (int rank = 0; rank < size; rank++) {
            fold[order[rank]] = rank % settings.folds();
        }
        return fold;
    }

    /**
     * @param spare weight arrays no model uses any more, taken before new ones are made: the calibration's models
     *              are done with once they scored their part, and each weight array is as long as the vocabulary
     */
    private OneVsRest fit(SparseRows rows, int[] y, int classes, IntPredicate include, Queue<double[]> spare) {
        int[] chosen = IntStream.range(0, rows.rows()).filter(include).toArray();
        // Two classes need one problem (class 0 against class 1), more need one per class.
        double[][] w = IntStream.range(0, classes == 2 ? 1 : classes).parallel()
                .mapToObj(c -> binary(rows, chosen, y, c, Optional.ofNullable(spare.poll())
                        .orElseGet(() -> new double[rows.features()])))
                .toArray(double[][]::new);
        return new OneVsRest(w, classes, rows.features() - 1);
    }

    /** Weights of "class {@code positive}" against the rest, bias last, into {@code w}; positive margins: the class. */
    private double[] binary(SparseRows rows, int[] chosen, int[] y, int positive, double[] w) {
        boolean[] isPositive = new boolean[rows.rows()];
        for (int i = 0; i < isPositive.length; i++) {
            isPositive[i] = y[i] == positive;
        }
        long positives = Arrays.stream(chosen).filter(i -> isPositive[i]).count();
        if (positives == 0 || positives == chosen.length) {
            // A class absent from (or alone in) the calibration training part: a constant answer, no weights.
            Arrays.fill(w, 0);
            w[rows.bias()] = positives == 0 ? -1 : 1;
            return w;
        }
        return LinearSvm.train(rows, chosen, isPositive, settings.cost(), TOLERANCE, new Random(settings.seed()), w);
    }

    /**
     * One-vs-rest weights: {@code w[c]} scores class c (for two classes, {@code w[0]} scores class 0 against class 1
     * and each class gets half of it). Each vector holds one weight per vocabulary row 1..features, then the bias.
     */
    private record OneVsRest(double[][] w, int classes, int features) {

        double[] margins(SparseRows rows, int i) {
            double[] scores = new double[w.length];
            for (int c = 0; c < w.length; c++) {
                scores[c] = rows.dot(w[c], i);
            }
            return classes == 2 ? new double[] {scores[0] / 2, -scores[0] / 2} : scores;
        }

        /** Row 0 of the graph's matrix is for unknown features and stays zero; row r holds feature r's weights. */
        HeadWeights toHeadWeights(Calibration calibration) {
            float[] weights = new float[(features + 1) * classes];
            float[] bias = new float[classes];
            for (int c = 0; c < classes; c++) {
                double sign = classes == 2 && c == 1 ? -0.5 : classes == 2 ? 0.5 : 1;
                double scale = sign * calibration.scale()[c];
                double[] vector = w[classes == 2 ? 0 : c];
                for (int f = 0; f < features; f++) {
                    weights[(f + 1) * classes + c] = (float) (scale * vector[f]);
                }
                bias[c] = (float) (scale * vector[features] + calibration.offset()[c]);
            }
            return new HeadWeights(weights, bias);
        }
    }
}
