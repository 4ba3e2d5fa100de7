package io.tickettriage.classify;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Several models serving one pipeline, each for the heads configuration gave it (for example a fine-tuned transformer
 * for the queue and the default linear model for the priority). Each model runs once per batch, whatever number of
 * heads it serves; the heads come out in the order they were configured.
 */
public final class HeadRouting implements TicketModel {

    private final Map<String, TicketModel> modelByHead;
    /** Each model once, in configuration order; models have identity equality. */
    private final Set<TicketModel> models;
    private final List<HeadSpec> heads;

    /** @param modelByHead head name → the model that serves it; every model must have that head */
    public HeadRouting(Map<String, TicketModel> modelByHead) {
        if (modelByHead.isEmpty()) {
            throw new IllegalArgumentException("no heads to serve");
        }
        this.modelByHead = new LinkedHashMap<>(modelByHead);
        this.models = new LinkedHashSet<>(modelByHead.values());
        List<HeadSpec> specs = new ArrayList<>();
        modelByHead.forEach((head, model) -> specs.add(model.heads().stream().filter(h -> h.name().equals(head))
                .findFirst().orElseThrow(() -> new IllegalArgumentException(model.source() + " has no head '" + head
                        + "'; its heads are " + model.heads().stream().map(HeadSpec::name).toList()))));
        this.heads = List.copyOf(specs);
    }

    @Override
    public String name() {
        return String.join(" + ", models.stream().map(TicketModel::name).toList());
    }

    @Override
    public String id() {
        return String.join("+", models.stream().map(TicketModel::id).toList());
    }

    @Override
    public String source() {
        List<String> parts = new ArrayList<>();
        modelByHead.forEach((head, model) -> parts.add(head + ": " + model.source()));
        return String.join(", ", parts);
    }

    @Override
    public List<HeadSpec> heads() {
        return heads;
    }

    @Override
    public List<Classification> classifyAll(List<TicketText> tickets) {
        Map<TicketModel, List<Classification>> results = new IdentityHashMap<>();
        for (TicketModel model : models) {
            results.put(model, model.classifyAll(tickets));
        }
        List<Classification> merged = new ArrayList<>(tickets.size());
        for (int i = 0; i < tickets.size(); i++) {
            Map<String, HeadPrediction> predictions = new LinkedHashMap<>();
            for (Map.Entry<String, TicketModel> route : modelByHead.entrySet()) {
                predictions.put(route.getKey(), results.get(route.getValue()).get(i).head(route.getKey()));
            }
            merged.add(new Classification(predictions));
        }
        return merged;
    }

    /** The vector of the first model, in configuration order, that has one. */
    @Override
    public Optional<TfIdfVector> tfIdf(TicketText ticket, boolean characters) {
        for (TicketModel model : models) {
            Optional<TfIdfVector> vector = model.tfIdf(ticket, characters);
            if (vector.isPresent()) {
                return vector;
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        models.forEach(TicketModel::close);
    }
}
