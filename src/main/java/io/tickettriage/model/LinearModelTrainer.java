package io.tickettriage.model;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import io.tickettriage.classify.FeaturizerSettings;
import io.tickettriage.classify.HeadSpec;
import io.tickettriage.classify.ModelDescriptor;
import io.tickettriage.classify.SparseFeatures;
import io.tickettriage.classify.TextFeaturizer;
import io.tickettriage.classify.TopLabels;
import io.tickettriage.evaluate.HeadPredictions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Trains one linear head per label column over TF-IDF weighted hashed n-grams. The learning is liblinear's (an
 * L2-regularised linear SVM with squared hinge loss, solved in the dual: the learner behind scikit-learn's LinearSVC);
 * this class feeds it our features, calibrates its margins into probabilities and lays the weights out for the graph.
 *
 * <p>Multi-class heads are one-vs-rest, as liblinear does them, but the per-class problems are solved in parallel:
 * they are independent, and a training run should use the machine's cores.
 *
 * <p>An SVM gives margins, not probabilities, and the thresholds a user sets ("route only above 70 %") need
 * probabilities that mean something. So each head is also cross-fitted: trained {@code folds} times, each time without
 * one of {@code folds} parts and scored on that part, so that every training ticket gets a margin from a model that
 * never saw it; one temperature is fitted to those unseen margins (softmax(margin / T), maximum likelihood). Dividing
 * the weights by T bakes it into the model; it never changes which label wins.
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
     * @param cost  liblinear's C: higher fits the training data more closely; 1 is scikit-learn's default
     * @param folds the calibration's cross-fitting cuts the examples into this many parts
     * @param seed  seed for the parts and for liblinear's own shuffling
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
            return new Settings(1.0, 3, 42L);
        }
    }

    private static final double TOLERANCE = 0.1;

    private final FeaturizerSettings featurizerSettings;
    private final Settings settings;

    public LinearModelTrainer(FeaturizerSettings featurizerSettings, Settings settings) {
        this.featurizerSettings = featurizerSettings;
        this.settings = settings;
        Linear.disableDebugOutput();
    }

    /** The learner in words, for manifests and model metadata. */
    public static String describe(Settings settings) {
        return "liblinear " + Linear.getVersion() + " L2R_L2LOSS_SVC_DUAL one-vs-rest, C=" + settings.cost()
                + ", temperature and per-class thresholds from " + settings.folds() + "-fold cross-fitting";
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
        Feature[][] rows = featurized.rows();
        int done = 1;
        progress.accept(done);
        int[] fold = folds(examples.size());
        List<HeadSpec> specs = new ArrayList<>();
        List<HeadWeights> weights = new ArrayList<>();
        List<HeadPredictions> calibrated = new ArrayList<>();
        for (String head : headNames) {
            List<String> labels = examples.stream().map(e -> e.label(head)).distinct().sorted().toList();
            if (labels.size() < 2) {
                throw new IllegalArgumentException("head '" + head + "' has only the label " + labels
                        + " in the training data; a head needs at least two labels to learn anything");
            }
            int[] y = examples.stream().mapToInt(e -> labels.indexOf(e.label(head))).toArray();
            double[][] unseen = new double[rows.length][];
            for (int part = 0; part < settings.folds(); part++) {
                int heldBack = part;
                OneVsRest draft = fit(rows, vocabulary.size(), y, labels.size(), i -> fold[i] != heldBack);
                for (int i = 0; i < rows.length; i++) {
                    if (fold[i] == heldBack) {
                        unseen[i] = draft.margins(rows[i]);
                    }
                }
                progress.accept(++done);
            }
            double temperature = Calibration.temperature(unseen, y);
            HeadSpec spec = new HeadSpec(head, labels, head + "_probabilities");
            calibrated.add(new HeadPredictions(spec, Arrays.stream(y).mapToObj(labels::get).toList(),
                    Arrays.stream(unseen).map(m -> TopLabels.of(spec, Calibration.probabilities(m, temperature)))
                            .toList()));
            OneVsRest model = fit(rows, vocabulary.size(), y, labels.size(), i -> true);
            progress.accept(++done);
            specs.add(spec);
            weights.add(model.toHeadWeights(temperature));
        }
        ModelDescriptor descriptor = new ModelDescriptor(ModelDescriptor.FORMAT, name, textTemplate,
                featurizerSettings, specs, provenance);
        return new Result(new TrainedModel(descriptor, vocabulary, weights), calibrated);
    }

    /** The examples as liblinear rows, and the vocabulary and weighting they were built with. */
    private record Featurized(TfIdfVocabulary vocabulary, Feature[][] rows) {
    }

    /**
     * The hashed features exist only in here: once the rows are built they are garbage, rather than a second copy of
     * every ticket's features held through all the training (about a fifth of the memory training needs).
     */
    private Featurized featurize(List<LabelledText> examples) {
        TextFeaturizer featurizer = new TextFeaturizer(featurizerSettings);
        List<SparseFeatures> features = examples.parallelStream().map(e -> featurizer.featurize(e.text())).toList();
        TfIdfVocabulary vocabulary = TfIdfVocabulary.fit(featurizerSettings, features);
        return new Featurized(vocabulary, features.parallelStream().map(f -> liblinearRow(vocabulary, f))
                .toArray(Feature[][]::new));
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

    private OneVsRest fit(Feature[][] rows, int features, int[] y, int classes, IntPredicate include) {
        int[] chosen = IntStream.range(0, rows.length).filter(include).toArray();
        Feature[][] x = Arrays.stream(chosen).mapToObj(i -> rows[i]).toArray(Feature[][]::new);
        int[] labels = Arrays.stream(chosen).map(i -> y[i]).toArray();
        // Two classes need one problem (class 0 against class 1), more need one per class.
        double[][] w = IntStream.range(0, classes == 2 ? 1 : classes).parallel()
                .mapToObj(c -> binary(x, labels, c, features)).toArray(double[][]::new);
        return new OneVsRest(w, classes, features);
    }

    /** Weights of "class {@code positive}" against the rest, bias last; positive margins mean the class. */
    private double[] binary(Feature[][] x, int[] labels, int positive, int features) {
        Problem problem = new Problem();
        problem.l = x.length;
        problem.n = features + 1;
        problem.x = x;
        problem.y = Arrays.stream(labels).mapToDouble(label -> label == positive ? 1 : -1).toArray();
        problem.bias = 1;
        if (Arrays.stream(problem.y).distinct().count() < 2) {
            // A class absent from (or alone in) the calibration training part: a constant answer, no weights.
            double[] constant = new double[features + 1];
            constant[features] = problem.y.length == 0 ? -1 : problem.y[0];
            return constant;
        }
        Parameter parameter = new Parameter(SolverType.L2R_L2LOSS_SVC_DUAL, settings.cost(), TOLERANCE);
        parameter.setRandom(new Random(settings.seed()));
        Model model = Linear.train(problem, parameter);
        double[] w = model.getFeatureWeights();
        // liblinear's single weight vector speaks for the label it met first.
        if (model.getLabels()[0] != 1) {
            for (int i = 0; i < w.length; i++) {
                w[i] = -w[i];
            }
        }
        return w;
    }

    /**
     * liblinear wants 1-based feature indices in ascending order, which vocabulary rows are, and the bias as one more
     * feature of value 1 after the last (its API leaves adding it to the caller).
     */
    private static Feature[] liblinearRow(TfIdfVocabulary vocabulary, SparseFeatures features) {
        TfIdfVocabulary.WeightedRow weighted = vocabulary.weigh(features);
        Feature[] row = new Feature[weighted.rows().length + 1];
        for (int k = 0; k < weighted.rows().length; k++) {
            row[k] = new FeatureNode(weighted.rows()[k], weighted.values()[k]);
        }
        row[row.length - 1] = new FeatureNode(vocabulary.size() + 1, 1);
        return row;
    }

    /**
     * One-vs-rest weights: {@code w[c]} scores class c (for two classes, {@code w[0]} scores class 0 against class 1
     * and each class gets half of it). Each vector holds one weight per vocabulary row 1..features, then the bias.
     */
    private record OneVsRest(double[][] w, int classes, int features) {

        double[] margins(Feature[] row) {
            double[] scores = new double[w.length];
            for (int c = 0; c < w.length; c++) {
                double score = 0;
                for (Feature feature : row) {
                    score += w[c][feature.getIndex() - 1] * feature.getValue();
                }
                scores[c] = score;
            }
            return classes == 2 ? new double[] {scores[0] / 2, -scores[0] / 2} : scores;
        }

        /** Row 0 of the graph's matrix is for unknown features and stays zero; row r holds feature r's weights. */
        HeadWeights toHeadWeights(double temperature) {
            float[] weights = new float[(features + 1) * classes];
            float[] bias = new float[classes];
            for (int c = 0; c < classes; c++) {
                double sign = classes == 2 && c == 1 ? -0.5 : classes == 2 ? 0.5 : 1;
                double[] vector = w[classes == 2 ? 0 : c];
                for (int f = 0; f < features; f++) {
                    weights[(f + 1) * classes + c] = (float) (sign * vector[f] / temperature);
                }
                bias[c] = (float) (sign * vector[features] / temperature);
            }
            return new HeadWeights(weights, bias);
        }
    }
}
