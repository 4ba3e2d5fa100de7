package io.tickettriage.triage;

import io.tickettriage.classify.ClassThresholds;
import io.tickettriage.classify.HeadSpec;
import io.tickettriage.classify.PrecisionBound;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which classes the service may write: a class goes live once its evidence guarantees {@code targetPrecision} at
 * {@code confidence}, by the rule {@code train}'s thresholds follow: the Clopper–Pearson lower bound of its right of
 * written tickets reaches the target ({@link PrecisionBound}). Until then its tickets go to review, as if unsure. The
 * bound weighs how much evidence there is, so no minimum count is needed on top: 30 right of 30 guarantee 92.6 % at
 * 90 % confidence, enough for a 90 % target and not for 95 %.
 *
 * @param minSupport how many settled live tickets of a class it takes before their evidence replaces the model's
 *                   held-out evidence ({@link LiveAgreement}); go-live itself asks no minimum
 */
public record GoLive(double targetPrecision, double confidence, int minSupport) {

    /** How many settled live tickets of a class replace the held-out evidence: a month of a small class at most. */
    public static final int DEFAULT_MIN_SUPPORT = 30;

    public GoLive {
        ClassThresholds.requireTarget("the go-live target precision", targetPrecision);
        PrecisionBound.requireConfidence("the go-live confidence", confidence);
        if (minSupport < 1) {
            throw new IllegalArgumentException("the go-live minimum support must be at least 1 ticket, was "
                    + minSupport);
        }
    }

    /**
     * Go-live as settings give it: an empty or blank target is off.
     *
     * @param targetKey     the target's setting, for the message
     * @param confidenceKey the confidence's setting, for the message
     * @param supportKey    the minimum support's setting, for the message
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public static Optional<GoLive> parse(String targetKey, String target, String confidenceKey, String confidence,
                                         String supportKey, int minSupport) {
        if (target == null || target.isBlank()) {
            return Optional.empty();
        }
        double value = number(targetKey, target, "a precision above 0 and at most 1 (e.g. 0.9), or empty for off");
        ClassThresholds.requireTarget(targetKey, value);
        double sure = PrecisionBound.requireConfidence(confidenceKey,
                number(confidenceKey, confidence, "a confidence above 0 and below 1 (e.g. 0.9)"));
        if (minSupport < 1) {
            throw new IllegalArgumentException(supportKey + " must be at least 1 ticket, was " + minSupport);
        }
        return Optional.of(new GoLive(value, sure, minSupport));
    }

    private static double number(String key, String text, String expected) {
        try {
            return Double.parseDouble(String.valueOf(text).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be " + expected + "; was '" + text + "'");
        }
    }

    /** The precision this evidence guarantees at the go-live confidence; 0 without evidence. */
    public double guaranteed(MeasuredPrecision evidence) {
        return PrecisionBound.lower(evidence.right(), evidence.tickets(), confidence);
    }

    public boolean isLive(Optional<MeasuredPrecision> evidence) {
        return evidence.filter(e -> guaranteed(e) >= targetPrecision).isPresent();
    }

    /** The head's classes that are not live yet. */
    public Set<String> heldBack(HeadSpec head, PrecisionEvidence evidence) {
        Set<String> held = new TreeSet<>();
        head.labels().stream().filter(label -> !isLive(evidence.of(head.name(), label))).forEach(held::add);
        return held;
    }

    /**
     * For the startup log, e.g. {@code queue: live billing (117 of 120 right, guaranteed 95.1%); held back for review
     * sales (34 of 40 right, guaranteed 76.9%), …}.
     */
    public String describe(HeadSpec head, PrecisionEvidence evidence) {
        List<String> live = new ArrayList<>();
        List<String> held = new ArrayList<>();
        for (String label : head.labels()) {
            Optional<MeasuredPrecision> measured = evidence.of(head.name(), label);
            // One decimal: 89.7 % shown as "90%" would read as reaching a 90 % target.
            String shown = label + measured.map(m -> m.tickets() == 0 ? " (none written)"
                    : String.format(Locale.ROOT, " (%d of %d right, guaranteed %.1f%%)", m.right(), m.tickets(),
                            guaranteed(m) * 100)).orElse(" (no evidence)");
            (isLive(measured) ? live : held).add(shown);
        }
        return String.format(Locale.ROOT, "%s: live %s; held back for review %s", head.name(),
                live.isEmpty() ? "none" : String.join(", ", live), held.isEmpty() ? "none" : String.join(", ", held));
    }

    /** What go-live asks, for the startup log and {@code agreement}: "Go-live at 95% precision guaranteed at 90% confidence". */
    public String rule() {
        return String.format(Locale.ROOT, "Go-live at %.0f%% precision guaranteed at %.0f%% confidence",
                targetPrecision * 100, confidence * 100);
    }
}
