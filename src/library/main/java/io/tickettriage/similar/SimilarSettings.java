package io.tickettriage.similar;

import io.tickettriage.config.ConfigurationException;
import io.tickettriage.config.TriageProperties;
import java.time.Duration;

/**
 * How a desk finds similar tickets and bursts ({@code triage.similar.*}, {@code triage.burst.*}), read once at
 * startup. The defaults are the ones measured by {@code bench similar} (src/site/markdown/benchmarks.md).
 *
 * @param enabled        whether to look for similar tickets and bursts at all
 * @param window         how long a ticket stays in the desk's index after its last change
 * @param threshold      cosine similarity from which a ticket is named as a possible duplicate
 * @param maxSize        most tickets the index holds; beyond it the longest held leaves first
 * @param shown          most possible duplicates a note names, the most similar first
 * @param burstSize      how many mutually similar tickets make a burst
 * @param burstWindow    the span within which a burst's tickets came
 * @param burstThreshold cosine similarity from which two tickets count as similar for a burst: an outage reported by
 *                       different people in their own words is less alike than a ticket sent twice
 */
public record SimilarSettings(boolean enabled, Duration window, double threshold, int maxSize, int shown,
                              int burstSize, Duration burstWindow, double burstThreshold) {

    public static final double DEFAULT_THRESHOLD = 0.8;
    public static final double DEFAULT_BURST_THRESHOLD = 0.3;

    public SimilarSettings {
        if (window.isNegative() || window.isZero()) {
            throw new ConfigurationException("triage.similar.window must be positive, was " + window);
        }
        if (maxSize < 1) {
            throw new ConfigurationException("triage.similar.max-size must be at least 1, was " + maxSize);
        }
        if (shown < 1) {
            throw new ConfigurationException("triage.similar.shown must be at least 1, was " + shown);
        }
        if (burstSize < 2) {
            throw new ConfigurationException("triage.burst.size must be at least 2, was " + burstSize);
        }
        if (burstWindow.isNegative() || burstWindow.isZero() || burstWindow.compareTo(window) > 0) {
            throw new ConfigurationException("triage.burst.window must be positive and at most triage.similar.window ("
                    + window + "), was " + burstWindow);
        }
    }

    /** The defaults, as config/application.properties sets them. */
    public static SimilarSettings defaults() {
        return new SimilarSettings(true, Duration.ofHours(72), DEFAULT_THRESHOLD, 10_000, 3, 5,
                Duration.ofMinutes(10), DEFAULT_BURST_THRESHOLD);
    }

    /** A desk's settings; an unset key takes its default. */
    public static SimilarSettings from(TriageProperties properties) {
        SimilarSettings d = defaults();
        return new SimilarSettings(properties.flag("triage.similar.enabled", d.enabled),
                properties.duration("triage.similar.window", d.window),
                properties.probability("triage.similar.threshold", d.threshold),
                properties.integer("triage.similar.max-size", d.maxSize),
                properties.integer("triage.similar.shown", d.shown),
                properties.integer("triage.burst.size", d.burstSize),
                properties.duration("triage.burst.window", d.burstWindow),
                properties.probability("triage.burst.threshold", d.burstThreshold));
    }

    /** The least similarity the index must report: the lower of the two thresholds. */
    double floor() {
        return Math.min(threshold, burstThreshold);
    }
}
