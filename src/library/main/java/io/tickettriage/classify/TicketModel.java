package io.tickettriage.classify;

import java.util.List;
import java.util.Optional;

/**
 * A loaded model that predicts one or more heads (queue, priority, tags …) for tickets. Implementations are the
 * hashed-linear models ticket-triage trains and Hugging Face transformers exported to ONNX; the pipeline sees only
 * this interface, and {@link HeadRouting} lets different models serve different heads.
 *
 * <p>Implementations are thread-safe and hold native resources: close them only after the routes have stopped.
 */
public interface TicketModel extends AutoCloseable {

    /** A human name for logs, e.g. the model's own name. */
    String name();

    /** Where the model was loaded from: a path, or "bundled …". */
    String source();

    /** The model's identity ({@link ModelId}): the same file, the same id; models serving several heads join theirs. */
    String id();

    /** The heads this model predicts, in the order it reports them. */
    List<HeadSpec> heads();

    /** Classifies many tickets at once; the result has one {@link Classification} per ticket, in order. */
    List<Classification> classifyAll(List<TicketText> tickets);

    /**
     * The ticket's TF-IDF vector as this model weighs it, of unit length, for finding similar tickets; empty for a
     * model that has no such vector (a transformer), or reads no idf into Java (a model opened for scoring only).
     *
     * @param characters with the character n-grams (each block normalised on its own, as the model weighs them), or
     *                   the word n-grams only
     */
    default Optional<TfIdfVector> tfIdf(TicketText ticket, boolean characters) {
        return Optional.empty();
    }

    default Classification classify(TicketText ticket) {
        return classifyAll(List.of(ticket)).get(0);
    }

    @Override
    void close();
}
