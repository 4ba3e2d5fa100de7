package io.tickettriage.model;

/**
 * The learned parameters of one softmax head over the vocabulary's rows.
 *
 * @param weights row-major {@code [rows][labels]}: row {@code r} is what vocabulary row {@code r} adds to each label
 * @param bias    one value per label
 */
public record HeadWeights(float[] weights, float[] bias) {

    public int labels() {
        return bias.length;
    }

    public int rows() {
        return weights.length / bias.length;
    }
}
