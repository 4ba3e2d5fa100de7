package io.tickettriage.cli;

import io.tickettriage.dataset.LabelledDataset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Labelled tickets to train on, and what the model and its manifest record about where they came from.
 *
 * @param provenance for people: at least {@code data} (where) and {@code dataSha256} (which data exactly)
 */
record TrainingData(LabelledDataset dataset, Map<String, Object> provenance) {

    TrainingData {
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    }
}
