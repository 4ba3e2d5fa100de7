package io.tickettriage.evaluate;

import io.tickettriage.classify.ClassThresholds;
import io.tickettriage.classify.Classification;
import io.tickettriage.classify.HeadPrediction;
import io.tickettriage.classify.HeadSpec;
import io.tickettriage.classify.PrecisionBound;
import io.tickettriage.classify.ScoredLabel;
import io.tickettriage.classify.TagSet;
import io.tickettriage.classify.TicketModel;
import io.tickettriage.dataset.LabelledDataset;
import io.tickettriage.dataset.LabelledTicket;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs a model on a labelled export and scores every head. Accuracy and macro-F1 follow scikit-learn's definitions
 * (macro-F1 averages over every label seen in the gold labels or the predictions), so figures can be compared with
 * a scikit-learn baseline on the same split.
 */
public final class Evaluator {

    private static final int BATCH = 256;
    static final int CURVE_STEPS = 100;
    static final String CROSS_FITTED = "these tickets, 2-fold cross-fitted: each half scored with thresholds chosen on "
            + "the other half (the thresholds shown are chosen on all of them)";

    /**
     * @param heads          the heads to score (each must be a head of the model and a column of the data)
     * @param targetAccuracy precision each class's threshold must reach (and accuracy the single threshold must)
     * @param confidence     how sure cross-fitted thresholds' guarantees are, in (0, 1)
     * @param thresholds     where the per-class thresholds come from
     * @param progress       told how many tickets are classified so far
     */
    public Evaluation evaluate(TicketModel model, LabelledDataset data, List<String> heads,
                               double targetAccuracy, double confidence, ThresholdSource thresholds,
                               IntConsumer progress) {
        ClassThresholds.requireTarget("the target accuracy", targetAccuracy);
        PrecisionBound.requireConfidence("the confidence", confidence);
        List<LabelledTicket> tickets = data.tickets();
        List<Classification> predictions = new ArrayList<>(tickets.size());
        for (int from = 0; from < tickets.size(); from += BATCH) {
            List<LabelledTicket> batch = tickets.subList(from, Math.min(tickets.size(), from + BATCH));
            predictions.addAll(model.classifyAll(batch.stream().map(LabelledTicket::text).toList()));
            progress.accept(predictions.size());
        }
        List<HeadEvaluation> scored = new ArrayList<>();
        for (String head : heads) {
            HeadSpec spec = model.heads().stream().filter(h -> h.name().equals(head)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                    "the model has no head '" + head + "'"));
            List<String> gold = tickets.stream().map(t -> t.labels().get(head)).toList();
            List<HeadPrediction> predicted = predictions.stream().map(c -> c.head(head)).toList();
            scored.add(score(new HeadPredictions(spec, gold, predicted), targetAccuracy, confidence, thresholds));
        }
        return new Evaluation(model.source(), data.source(), tickets.size(), data.skipped(), scored);
    }

    /**
     * Scores predictions made earlier against the labels people settled on (the {@code agreement} tool), each head's
     * per-class thresholds cross-fitted on them.
     *
     * @param model where the predictions came from, for the report
     * @param data  what the truth is, for the report
     */
    public Evaluation scoreRecorded(String model, String data, int tickets, List<HeadPredictions> heads,
                                    double targetAccuracy, double confidence) {
        ClassThresholds.requireTarget("the target accuracy", targetAccuracy);
        PrecisionBound.requireConfidence("the confidence", confidence);
        List<HeadEvaluation> scored = new ArrayList<>();
        for (HeadPredictions head : heads) {
            scored.add(score(head, targetAccuracy, confidence, new ThresholdSource(Map.of(), "")));
        }
        return new Evaluation(model, data, tickets, 0, scored);
    }

    static HeadEvaluation score(HeadPredictions scored, double targetAccuracy, double confidence,
                                ThresholdSource thresholds) {
        if (scored.head().multiLabel()) {
            return scoreTags(scored, targetAccuracy, perClass(scored, targetAccuracy, confidence, thresholds));
        }
        HeadSpec spec = scored.head();
        List<String> gold = scored.gold();
        List<HeadPrediction> predicted = scored.predicted();
        Set<String> unknown = new TreeSet<>(gold);
        unknown.removeAll(spec.labels());
        List<String> labels = new ArrayList<>(spec.labels());
        labels.addAll(unknown);
        int[][] confusion = new int[labels.size()][labels.size()];
        int correct = 0;
        for (int i = 0; i < gold.size(); i++) {
            String truth = gold.get(i);
            String guess = predicted.get(i).label();
            confusion[labels.indexOf(truth)][labels.indexOf(guess)]++;
            if (truth.equals(guess)) {
                correct++;
            }
        }
        List<ClassScore> classes = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>(gold);
        predicted.forEach(p -> seen.add(p.label()));
        double f1Sum = 0;
        for (int c = 0; c < labels.size(); c++) {
            int truePositive = confusion[c][c];
            int support = 0;
            int predictedAs = 0;
            for (int k = 0; k < labels.size(); k++) {
                support += confusion[c][k];
                predictedAs += confusion[k][c];
            }
            double precision = predictedAs == 0 ? 0 : (double) truePositive / predictedAs;
            double recall = support == 0 ? 0 : (double) truePositive / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            classes.add(new ClassScore(labels.get(c), precision, recall, f1, support));
            if (seen.contains(labels.get(c))) {
                f1Sum += f1;
            }
        }
        List<CoveragePoint> curve = curve(gold, predicted);
        Optional<CoveragePoint> single = curve.stream().filter(p -> p.accuracy() >= targetAccuracy).findFirst();
        return new HeadEvaluation(spec.name(), gold.size(), (double) correct / gold.size(), f1Sum / seen.size(),
                classes, labels, confusion, curve, targetAccuracy,
                perClass(scored, targetAccuracy, confidence, thresholds), single, List.copyOf(unknown), false);
    }

    private static ClassThresholdResult perClass(HeadPredictions scored, double targetAccuracy, double confidence,
                                                 ThresholdSource thresholds) {
        ClassThresholds given = thresholds.given().get(scored.head().name());
        return given != null
                ? new ClassThresholdResult(ClassThresholdChoice.measure(given, scored), scored.size(),
                        thresholds.givenFrom())
                : new ClassThresholdResult(ClassThresholdChoice.crossFitted(scored, targetAccuracy, confidence),
                        scored.size(), CROSS_FITTED);
    }

    /**
     * A multi-label head (tags), scored as scikit-learn scores multi-label predictions at the sigmoids' natural cut,
     * 0.5: accuracy is the share of tickets whose predicted tags are exactly their true tags (subset accuracy), each
     * tag has its precision, recall and F1, macro-F1 is their mean over the tags seen. The "confusion" row of a tag
     * counts, over the tickets that truly have it, the tags predicted for them: the diagonal is the tag itself found,
     * the rest what came with it. The curve's coverage at a threshold is the share of the true tags written at or
     * above it (of the tags the model knows), its accuracy the share of the tags written there that were right.
     */
    private static HeadEvaluation scoreTags(HeadPredictions scored, double targetAccuracy,
                                            ClassThresholdResult perClass) {
        HeadSpec spec = scored.head();
        List<String> tags = spec.labels();
        int[][] together = new int[tags.size()][tags.size()];
        int[] truePositive = new int[tags.size()];
        int[] predictedAs = new int[tags.size()];
        int[] support = new int[tags.size()];
        int exact = 0;
        Set<String> unknown = new TreeSet<>();
        for (int i = 0; i < scored.size(); i++) {
            Set<String> gold = TagSet.parse(scored.gold().get(i));
            Set<String> predicted = new TreeSet<>();
            scored.claims(i).stream().filter(claim -> claim.confidence() >= 0.5)
                    .forEach(claim -> predicted.add(claim.label()));
            for (String tag : gold) {
                int t = tags.indexOf(tag);
                if (t < 0) {
                    unknown.add(tag);
                    continue;
                }
                support[t]++;
                predicted.forEach(guess -> together[t][tags.indexOf(guess)]++);
            }
            for (String guess : predicted) {
                int t = tags.indexOf(guess);
                predictedAs[t]++;
                truePositive[t] += gold.contains(guess) ? 1 : 0;
            }
            exact += gold.equals(predicted) ? 1 : 0;
        }
        List<ClassScore> classes = new ArrayList<>();
        double f1Sum = 0;
        int seen = 0;
        for (int t = 0; t < tags.size(); t++) {
            double precision = predictedAs[t] == 0 ? 0 : (double) truePositive[t] / predictedAs[t];
            double recall = support[t] == 0 ? 0 : (double) truePositive[t] / support[t];
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            classes.add(new ClassScore(tags.get(t), precision, recall, f1, support[t]));
            if (support[t] > 0 || predictedAs[t] > 0) {
                f1Sum += f1;
                seen++;
            }
        }
        List<CoveragePoint> curve = tagCurve(scored, IntStream.of(support).sum());
        Optional<CoveragePoint> single = curve.stream().filter(p -> p.accuracy() >= targetAccuracy).findFirst();
        return new HeadEvaluation(spec.name(), scored.size(), scored.size() == 0 ? 0 : (double) exact / scored.size(),
                seen == 0 ? 0 : f1Sum / seen, classes, tags, together, curve, targetAccuracy, perClass, single,
                List.copyOf(unknown), true);
    }

    /** Per threshold: the share of the known true tags written at or above it, and the share of those right. */
    private static List<CoveragePoint> tagCurve(HeadPredictions scored, int trueTags) {
        List<CoveragePoint> curve = new ArrayList<>();
        for (int step = 0; step < CURVE_STEPS; step++) {
            double threshold = step / (double) CURVE_STEPS;
            int written = 0;
            int right = 0;
            for (int i = 0; i < scored.size(); i++) {
                for (ScoredLabel claim : scored.claims(i)) {
                    if (claim.confidence() >= threshold) {
                        written++;
                        right += scored.right(i, claim.label()) ? 1 : 0;
                    }
                }
            }
            if (written > 0) {
                curve.add(new CoveragePoint(threshold, trueTags == 0 ? 0 : (double) right / trueTags,
                        (double) right / written));
            }
        }
        return curve;
    }

    /** Coverage and accuracy at thresholds 0.00, 0.01 … 0.99; thresholds no ticket reaches are left out. */
    static List<CoveragePoint> curve(List<String> gold, List<HeadPrediction> predicted) {
        List<CoveragePoint> curve = new ArrayList<>();
        for (int step = 0; step < CURVE_STEPS; step++) {
            double threshold = step / (double) CURVE_STEPS;
            int covered = 0;
            int right = 0;
            for (int i = 0; i < gold.size(); i++) {
                if (predicted.get(i).confidence() >= threshold) {
                    covered++;
                    if (predicted.get(i).label().equals(gold.get(i))) {
                        right++;
                    }
                }
            }
            if (covered > 0) {
                curve.add(new CoveragePoint(threshold, (double) covered / gold.size(), (double) right / covered));
            }
        }
        return curve;
    }
}
