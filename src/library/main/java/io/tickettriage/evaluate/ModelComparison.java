package io.tickettriage.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Champion and challenger: the model that serves now and a newly trained one, scored on the same held-out tickets,
 * each with its own per-class thresholds, and whether the new one should take over.
 *
 * <p>The new one takes over only if it writes more at the target precision, summed over the heads (a value written
 * on any head is work an agent does not do, so a gain on the queue may pay for a smaller loss on the priority), and
 * is no less accurate on any head (accuracy counts every ticket, written or not, so a model that covers more by
 * being wrong more often on one head is refused). A tie in coverage keeps the current model: replacing a model that
 * works costs a swap and gains nothing.
 *
 * @param current    the serving model's evaluation, on the heads of {@code challenger}
 * @param challenger the new model's held-out evaluation
 * @param heldOut    how the held-out tickets were picked, in words, e.g. "the newest 20% of each queue"
 */
public record ModelComparison(Evaluation current, Evaluation challenger, String heldOut) {

    /** Whether to promote the new model, and why in one line. */
    public record Verdict(boolean promote, String reason) {
    }

    public ModelComparison {
        for (HeadEvaluation head : challenger.heads()) {
            if (find(current, head.head()).isEmpty()) {
                throw new IllegalArgumentException("the current model was not scored on the head '" + head.head()
                        + "'");
            }
        }
    }

    public Verdict verdict() {
        List<String> lessAccurate = new ArrayList<>();
        int newWritten = 0;
        int currentWritten = 0;
        int values = 0;
        for (HeadEvaluation challenged : challenger.heads()) {
            HeadEvaluation serving = currentHead(challenged.head());
            if (challenged.accuracy() < serving.accuracy()) {
                lessAccurate.add(String.format(Locale.ROOT, "%s (%.3f < %.3f)", challenged.head(),
                        challenged.accuracy(), serving.accuracy()));
            }
            newWritten += challenged.recommended().written();
            currentWritten += serving.recommended().written();
            values += challenged.tickets();
        }
        String coverage = String.format(Locale.ROOT, "at %s precision the new model writes %d of the %d values "
                + "(%s), the current one %d", percent(target()), newWritten, values,
                String.join(" and ", challenger.heads().stream().map(HeadEvaluation::head).toList()),
                currentWritten);
        if (!lessAccurate.isEmpty()) {
            return new Verdict(false, "not promoted: the new model is less accurate on "
                    + String.join(", ", lessAccurate));
        }
        if (newWritten <= currentWritten) {
            return new Verdict(false, "not promoted: no more coverage; " + coverage);
        }
        return new Verdict(true, "promoted: more coverage and no head less accurate; " + coverage);
    }

    /** Both models side by side per head: accuracy, macro-F1, and coverage (with the precision reached). */
    public String table() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "champion and challenger on %d held-out tickets (%s), target precision %s:%n", challenger.tickets(),
                heldOut, percent(target())));
        text.append(String.format(Locale.ROOT, "  %-10s %-22s %14s %14s%n", "head", "", "current", "new"));
        for (HeadEvaluation challenged : challenger.heads()) {
            HeadEvaluation serving = currentHead(challenged.head());
            text.append(String.format(Locale.ROOT, "  %-10s %-22s %14.3f %14.3f%n", challenged.head(), "accuracy",
                    serving.accuracy(), challenged.accuracy()));
            text.append(String.format(Locale.ROOT, "  %-10s %-22s %14.3f %14.3f%n", "", "macro-F1",
                    serving.macroF1(), challenged.macroF1()));
            text.append(String.format(Locale.ROOT, "  %-10s %-22s %14s %14s%n", "",
                    "coverage (precision)", covered(serving), covered(challenged)));
        }
        text.append(String.format("  current: %s; thresholds: %s%n", current.model(), thresholdsOf(current)));
        text.append(String.format("  new:     %s; thresholds: %s%n", challenger.model(), thresholdsOf(challenger)));
        return text.toString();
    }

    private HeadEvaluation currentHead(String head) {
        return find(current, head).orElseThrow();
    }

    private double target() {
        return challenger.heads().get(0).targetAccuracy();
    }

    private static Optional<HeadEvaluation> find(Evaluation evaluation, String head) {
        return evaluation.heads().stream().filter(h -> h.head().equals(head)).findFirst();
    }

    /** E.g. "41% (93%)": share of the tickets written and the share of those that were right. */
    private static String covered(HeadEvaluation head) {
        return percent(head.recommended().coverage()) + " (" + percent(head.recommended().accuracy()) + ")";
    }

    private static String thresholdsOf(Evaluation evaluation) {
        return String.join("; ", evaluation.heads().stream().map(h -> h.recommended().chosenOn()).distinct()
                .toList());
    }

    private static String percent(double share) {
        return Math.round(share * 100) + "%";
    }
}
