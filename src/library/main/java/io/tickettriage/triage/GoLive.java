package io.tickettriage.triage;

import io.tickettriage.classify.ClassThresholds;
import io.tickettriage.classify.HeadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which classes the service may write: a class goes live once its measured precision reaches {@code targetPrecision}
 * on at least {@code minSupport} tickets; until then its tickets go to review, as if unsure.
 */
public record GoLive(double targetPrecision, int minSupport) {

    /** Fewer checked tickets than this and a precision says little: even 30 right of 30 leaves a 95 % interval reaching
     * down to 88 %. */
    public static final int DEFAULT_MIN_SUPPORT = 30;

    public GoLive {
        ClassThresholds.requireTarget("the go-live target precision", targetPrecision);
        if (minSupport < 1) {
            throw new IllegalArgumentException("the go-live minimum support must be at least 1 ticket, was "
                    + minSupport);
        }
    }

    /**
     * Go-live as settings give it: an empty or blank target is off.
     *
     * @param targetKey  the target's setting, for the message
     * @param supportKey the minimum support's setting, for the message
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public static Optional<GoLive> parse(String targetKey, String target, String supportKey, int minSupport) {
        if (target == null || target.isBlank()) {
            return Optional.empty();
        }
        double value;
        try {
            value = Double.parseDouble(target.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(targetKey + " must be a precision above 0 and at most 1 (e.g. 0.9), "
                    + "or empty for off; was '" + target + "'");
        }
        ClassThresholds.requireTarget(targetKey, value);
        if (minSupport < 1) {
            throw new IllegalArgumentException(supportKey + " must be at least 1 ticket, was " + minSupport);
        }
        return Optional.of(new GoLive(value, minSupport));
    }

    public boolean isLive(Optional<MeasuredPrecision> evidence) {
        return evidence.filter(e -> e.tickets() >= minSupport && e.precision() >= targetPrecision).isPresent();
    }

    /** The head's classes that are not live yet. */
    public Set<String> heldBack(HeadSpec head, PrecisionEvidence evidence) {
        Set<String> held = new TreeSet<>();
        head.labels().stream().filter(label -> !isLive(evidence.of(head.name(), label))).forEach(held::add);
        return held;
    }

    /**
     * For the startup log, e.g. {@code queue: live billing (97.5% of 120); held back for review sales (81.0% of 40),
     * …}.
     */
    public String describe(HeadSpec head, PrecisionEvidence evidence) {
        List<String> live = new ArrayList<>();
        List<String> held = new ArrayList<>();
        for (String label : head.labels()) {
            Optional<MeasuredPrecision> measured = evidence.of(head.name(), label);
            // One decimal: 89.7 % shown as "90%" would read as reaching a 90 % target.
            String shown = label + measured.map(m -> m.tickets() == 0 ? " (none written)"
                    : String.format(Locale.ROOT, " (%.1f%% of %d)", m.precision() * 100, m.tickets()))
                    .orElse(" (no evidence)");
            (isLive(measured) ? live : held).add(shown);
        }
        return String.format(Locale.ROOT, "%s: live %s; held back for review %s", head.name(),
                live.isEmpty() ? "none" : String.join(", ", live), held.isEmpty() ? "none" : String.join(", ", held));
    }
}
