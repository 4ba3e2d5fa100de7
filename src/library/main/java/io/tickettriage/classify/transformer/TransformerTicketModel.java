package io.tickettriage.classify.transformer;

import static io.tickettriage.classify.transformer.ModelFolder.problem;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.tickettriage.classify.Classification;
import io.tickettriage.classify.HeadSpec;
import io.tickettriage.classify.ModelId;
import io.tickettriage.classify.ModelLoadException;
import io.tickettriage.classify.TicketModel;
import io.tickettriage.classify.TicketText;
import io.tickettriage.classify.TicketTextTemplate;
import io.tickettriage.classify.TopLabels;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Hugging Face text-classification model exported to ONNX (e.g. by Optimum), serving one head of the pipeline:
 * its {@code id2label} are the head's labels. Tickets are tokenized by the model's own {@code tokenizer.json} and run
 * in micro-batches padded to their longest ticket; softmax for single-label models, a sigmoid per label for
 * multi-label ones. See {@link ModelFolder} for what the folder must hold.
 *
 * <p>One ONNX Runtime session is shared by all threads. Closing waits for calls in flight (closing a session during
 * {@code run} crashes the JVM); calls after closing fail.
 */
public final class TransformerTicketModel implements TicketModel {

    private static final Logger LOG = LoggerFactory.getLogger(TransformerTicketModel.class);

    private final ModelFolder folder;
    private final HeadSpec head;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final GraphSignature signature;
    private final TicketEncoder encoder;
    private final String id;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private TransformerTicketModel(ModelFolder folder, HeadSpec head, OrtEnvironment environment, OrtSession session,
                                   GraphSignature signature, TicketEncoder encoder) {
        this.folder = folder;
        this.head = head;
        this.environment = environment;
        this.session = session;
        this.signature = signature;
        this.encoder = encoder;
        this.id = ModelId.of(folder.onnxFile());
    }

    /**
     * @param folder   holds {@code model_quantized.onnx} or {@code model.onnx}, {@code tokenizer.json},
     *                 {@code config.json} and optionally {@code tokenizer_config.json}
     * @param headName the head this model predicts, e.g. {@code queue}
     * @throws ModelLoadException naming the folder and what is wrong with it
     */
    public static TransformerTicketModel load(Path folder, String headName, TransformerOptions options) {
        long start = System.nanoTime();
        ModelFolder model = ModelFolder.read(folder, options);
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession session;
        try {
            session = openSession(model.onnxFile(), options);
        } catch (OrtException e) {
            throw problem(folder, "has a " + model.onnxFile().getFileName() + " ONNX Runtime cannot load: "
                    + e.getMessage());
        }
        try {
            GraphSignature signature = GraphSignature.of(session, model);
            HeadSpec head = head(model, headName, signature);
            TicketEncoder encoder = TicketEncoder.open(model, options);
            LOG.info("Transformer model {} for head '{}': {} labels ({}), inputs {}, up to {} tokens per ticket,"
                            + " batches of {}, {} threads, loaded in {} ms", model.onnxFile(), headName,
                    model.labels().size(), model.multiLabel() ? "multi-label" : "single-label",
                    signature.inputs().keySet(), model.maxLength(), options.batchSize(), options.intraOpThreads(),
                    (System.nanoTime() - start) / 1_000_000);
            return new TransformerTicketModel(model, head, environment, session, signature, encoder);
        } catch (OrtException | RuntimeException e) {
            closeQuietly(session);
            throw e instanceof ModelLoadException m ? m
                    : problem(folder, "cannot be inspected by ONNX Runtime: " + e.getMessage());
        }
    }

    private static HeadSpec head(ModelFolder model, String headName, GraphSignature signature) {
        try {
            return new HeadSpec(headName, model.labels(), signature.output(), model.multiLabel());
        } catch (IllegalArgumentException e) {
            throw problem(model.folder(), "cannot serve head '" + headName + "': " + e.getMessage());
        }
    }

    /**
     * The session a model runs on: one per model, one call at a time using all {@code intraOpThreads}. Public so a
     * benchmark can run the same graph with the same settings and nothing around it.
     */
    public static OrtSession openSession(Path onnxFile, TransformerOptions options) throws OrtException {
        try (OrtSession.SessionOptions settings = new OrtSession.SessionOptions()) {
            settings.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            settings.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            settings.setIntraOpNumThreads(options.intraOpThreads());
            settings.setInterOpNumThreads(1);
            // By path, not bytes: large exports keep their weights in a model.onnx_data file beside the graph.
            return OrtEnvironment.getEnvironment().createSession(onnxFile.toString(), settings);
        }
    }

    @Override
    public String name() {
        return folder.folder().toAbsolutePath().normalize().getFileName().toString();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String source() {
        return folder.onnxFile().toAbsolutePath().toString();
    }

    @Override
    public List<HeadSpec> heads() {
        return List.of(head);
    }

    public HeadSpec head() {
        return head;
    }

    public Path modelFile() {
        return folder.onnxFile();
    }

    /** Tokens per ticket after truncation. */
    public int maxLength() {
        return folder.maxLength();
    }

    public TicketTextTemplate textTemplate() {
        return encoder.template();
    }

    @Override
    public List<Classification> classifyAll(List<TicketText> tickets) {
        return whileOpen(() -> {
            Classification[] results = new Classification[tickets.size()];
            for (PaddedBatch batch : encoder.encode(tickets)) {
                float[][] logits = run(batch);
                for (int i = 0; i < logits.length; i++) {
                    results[batch.rows()[i]] = new Classification(
                            Map.of(head.name(), TopLabels.of(head, probabilities(logits[i]))));
                }
            }
            return List.of(results);
        });
    }

    /** The micro-batches {@link #classifyAll} would run for these tickets, for measuring the graph alone. */
    public List<PaddedBatch> encode(List<TicketText> tickets) {
        return whileOpen(() -> encoder.encode(tickets));
    }

    /** One batch as the graph's input tensors (only the inputs it declares, in its types); the caller closes them. */
    public Map<String, OnnxTensor> inputTensors(PaddedBatch batch) throws OrtException {
        return signature.tensors(environment, batch);
    }

    private float[][] run(PaddedBatch batch) {
        Map<String, OnnxTensor> inputs = null;
        try {
            inputs = inputTensors(batch);
            try (OrtSession.Result result = session.run(inputs, Set.of(signature.output()))) {
                return (float[][]) result.get(0).getValue();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on model " + source() + ": " + e.getMessage(), e);
        } finally {
            if (inputs != null) {
                OnnxValue.close(inputs);
            }
        }
    }

    private float[] probabilities(float[] logits) {
        float[] p = new float[logits.length];
        if (head.multiLabel()) {
            for (int i = 0; i < logits.length; i++) {
                p[i] = (float) (1 / (1 + Math.exp(-logits[i])));
            }
            return p;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float logit : logits) {
            max = Math.max(max, logit);
        }
        double sum = 0;
        double[] exp = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            exp[i] = Math.exp(logits[i] - max); // shifted by the max so no exp overflows
            sum += exp[i];
        }
        for (int i = 0; i < logits.length; i++) {
            p[i] = (float) (exp[i] / sum);
        }
        return p;
    }

    private <T> T whileOpen(Supplier<T> work) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("model " + source() + " is closed");
            }
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                encoder.close();
                closeQuietly(session);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException ignored) {
            // nothing useful can be done when a session fails to release native memory at shutdown
        }
    }
}
