package io.tickettriage.evaluate;

/**
 * What a confidence threshold does: {@code coverage} of the tickets are at or above it (written automatically), and
 * {@code accuracy} of those are right.
 */
public record CoveragePoint(double threshold, double coverage, double accuracy) {
}
