package io.tickettriage.model;

/**
 * The learned parameters of one softmax head over the hashed feature space.
 *
 * @param weights row-major {@code [dimension][labels]}: row {@code f} is what feature {@code f} adds to each label
 * @param bias    one value per label
 */
public record HeadWeights(float[] weights, float[] bias) {

    public int labels() {
        return bias.length;
    }

    public int dimension() {
        return weights.length / bias.length;
    }
}
