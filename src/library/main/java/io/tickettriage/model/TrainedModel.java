package io.tickettriage.model;

import io.tickettriage.classify.ModelDescriptor;
import java.util.List;

/**
 * A trained model before it is written out: its self-description, the features and weighting learned from the
 * training data, and one set of weights per head, in the descriptor's head order.
 */
public record TrainedModel(ModelDescriptor descriptor, TfIdfVocabulary vocabulary, List<HeadWeights> heads) {

    public TrainedModel {
        if (descriptor.heads().size() != heads.size()) {
            throw new IllegalArgumentException("descriptor has " + descriptor.heads().size() + " heads, weights "
                    + heads.size());
        }
        heads = List.copyOf(heads);
    }
}
