package io.tickettriage.classify;

/** One label of one head with the model's probability for it. */
public record ScoredLabel(String label, double confidence) {
}
