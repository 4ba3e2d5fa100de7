package io.tickettriage.evaluate;

/** Precision, recall and F1 of one label, and how many tickets truly have it. */
public record ClassScore(String label, double precision, double recall, double f1, int support) {
}
