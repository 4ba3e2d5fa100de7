package io.tickettriage.cli;

import io.tickettriage.dataset.LabelledDataset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Labelled tickets to train on, and what the model and its manifest record about where they came from.
 *
 * @param provenance for people: at least {@code data} (where) and {@code dataSha256} (which data exactly)
 * @param newestLast whether the tickets are in time order, oldest first, so that the newest can be held out
 */
record TrainingData(LabelledDataset dataset, Map<String, Object> provenance, boolean newestLast) {

    TrainingData {
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    }
}
