package io.tickettriage.classify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/** Every head's prediction for one ticket, in the model's head order. */
public record Classification(Map<String, HeadPrediction> heads) {

    public Classification {
        heads = Collections.unmodifiableMap(new LinkedHashMap<>(heads));
    }

    public HeadPrediction head(String name) {
        HeadPrediction prediction = heads.get(name);
        if (prediction == null) {
            throw new NoSuchElementException("the model has no head '" + name + "'; it has " + heads.keySet());
        }
        return prediction;
    }
}
