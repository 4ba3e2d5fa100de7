package io.tickettriage.classify;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * A hashed n-gram linear model run by ONNX Runtime. Java computes the sparse features; the graph gathers the weight
 * rows of the present features, sums them per head and applies softmax (a sigmoid per tag for a tags head: each tag
 * has its own probability, and a ticket any number of tags).
 *
 * <p>Each prediction comes with its reasons ({@link LinearReasons}), computed in Java from the same weights when they
 * are first read, unless the model was opened {@linkplain #openForScoring for scoring}.
 *
 * <p>One ONNX Runtime session is opened per model and shared by all threads: {@code OrtSession.run} is thread-safe,
 * and a session must never be closed while a run is in flight, so close only after the routes have stopped.
 */
public final class LinearTicketModel implements TicketModel {

    /** Tickets per ONNX Runtime call in a large batch: enough to amortise a call, few enough to pad little. */
    private static final int MICRO_BATCH = 32;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final ModelDescriptor descriptor;
    private final TextFeaturizer featurizer;
    /** The same word n-grams without the character n-grams: all that similar tickets are compared by. */
    private final TextFeaturizer wordFeaturizer;
    private final Optional<LinearReasons> reasons;
    private final TicketTextTemplate template;
    private final String source;
    private final String id;

    private LinearTicketModel(OrtEnvironment environment, OrtSession session, ModelDescriptor descriptor,
                              TextFeaturizer featurizer, Optional<LinearReasons> reasons, TicketTextTemplate template,
                              String source, String id) {
        this.environment = environment;
        this.session = session;
        this.descriptor = descriptor;
        this.featurizer = featurizer;
        this.wordFeaturizer = new TextFeaturizer(featurizer.settings().withCharNgrams("none"));
        this.reasons = reasons;
        this.template = template;
        this.source = source;
        this.id = id;
    }

    /**
     * A model written by {@code train}: its bundle folder (which holds {@code model.onnx}) or the {@code .onnx} file.
     *
     * @throws ModelLoadException saying what is wrong with it
     */
    public static LinearTicketModel loadBundle(Path path) {
        if (java.nio.file.Files.isDirectory(path)) {
            Path inside = path.resolve("model.onnx");
            if (!java.nio.file.Files.isRegularFile(inside)) {
                throw new ModelLoadException(path.toAbsolutePath() + " holds neither model.onnx (a bundle written by "
                        + "ticket-triage train) nor config.json (a Hugging Face model)");
            }
            return load(inside);
        }
        return load(path);
    }

    public static LinearTicketModel load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException("model file " + file.toAbsolutePath() + " does not exist");
        }
        try {
            return open(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new ModelLoadException("model file " + file.toAbsolutePath() + " cannot be read: " + e.getMessage());
        }
    }

    public static LinearTicketModel open(byte[] onnx, String source) {
        return open(onnx, source, true);
    }

    /**
     * The model without reasons: for scoring many labelled tickets, where only the labels and confidences count.
     * It does not read the weights reasons are computed from into Java (about as much heap again as the file);
     * training scores its held-out tickets this way.
     */
    public static LinearTicketModel openForScoring(byte[] onnx, String source) {
        return open(onnx, source, false);
    }

    private static LinearTicketModel open(byte[] onnx, String source, boolean explained) {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(1);
            session = environment.createSession(onnx, options);
        } catch (OrtException e) {
            throw new ModelLoadException(source + " is not a model ONNX Runtime can load: " + e.getMessage());
        }
        try {
            String metadata = session.getMetadata().getCustomMetadata().get(ModelDescriptor.METADATA_KEY);
            if (metadata == null) {
                throw new ModelLoadException(source + " has no '" + ModelDescriptor.METADATA_KEY
                        + "' metadata: it was not written by ticket-triage's trainer");
            }
            ModelDescriptor descriptor = ModelDescriptor.fromJson(metadata);
            if (!ModelDescriptor.FORMAT.equals(descriptor.format())) {
                throw new ModelLoadException(source + " has format '" + descriptor.format() + "', but this version "
                        + "reads '" + ModelDescriptor.FORMAT + "': train it again with this version's `train` command");
            }
            for (HeadSpec head : descriptor.heads()) {
                if (!session.getOutputNames().contains(head.output())) {
                    throw new ModelLoadException(source + " declares head '" + head.name() + "' but has no output '"
                            + head.output() + "'");
                }
            }
            TextFeaturizer featurizer = new TextFeaturizer(descriptor.featurizer());
            Optional<LinearReasons> reasons;
            try {
                reasons = explained
                        ? Optional.of(new LinearReasons(featurizer, FeatureWeights.read(onnx, descriptor.heads())))
                        : Optional.empty();
            } catch (IllegalArgumentException e) {
                throw new ModelLoadException(source + " is not laid out as ticket-triage's trainer writes models: "
                        + e.getMessage());
            }
            return new LinearTicketModel(environment, session, descriptor, featurizer, reasons,
                    new TicketTextTemplate(descriptor.textTemplate()), source, ModelId.of(onnx));
        } catch (OrtException | RuntimeException e) {
            closeQuietly(session);
            throw e instanceof ModelLoadException m ? m
                    : new ModelLoadException(source + " cannot be read: " + e.getMessage());
        }
    }

    /**
     * The graph's inputs for a batch: per block (word n-grams, then character n-grams) the ids and their values,
     * each padded to the batch's longest list (padding has value 0, so it adds nothing). Public so a benchmark can run
     * the graph on exactly these tensors with nothing around it; the caller closes them.
     */
    public static Map<String, OnnxTensor> inputTensors(OrtEnvironment environment, List<SparseFeatures> features) {
        int wordWidth = Math.max(1, features.stream().mapToInt(SparseFeatures::wordCount).max().orElse(1));
        int charWidth = Math.max(1, features.stream().mapToInt(SparseFeatures::charCount).max().orElse(1));
        long[] wordIds = new long[features.size() * wordWidth];
        float[] wordValues = new float[wordIds.length];
        long[] charIds = new long[features.size() * charWidth];
        float[] charValues = new float[charIds.length];
        for (int row = 0; row < features.size(); row++) {
            SparseFeatures f = features.get(row);
            int words = f.wordCount();
            for (int i = 0; i < words; i++) {
                wordIds[row * wordWidth + i] = f.ids()[i];
            }
            System.arraycopy(f.values(), 0, wordValues, row * wordWidth, words);
            for (int i = words; i < f.size(); i++) {
                charIds[row * charWidth + i - words] = f.ids()[i];
            }
            System.arraycopy(f.values(), words, charValues, row * charWidth, f.charCount());
        }
        Map<String, OnnxTensor> tensors = new HashMap<>();
        try {
            long[] wordShape = {features.size(), wordWidth};
            long[] charShape = {features.size(), charWidth};
            tensors.put("word_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(wordIds), wordShape));
            tensors.put("word_values", OnnxTensor.createTensor(environment, FloatBuffer.wrap(wordValues), wordShape));
            tensors.put("char_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(charIds), charShape));
            tensors.put("char_values", OnnxTensor.createTensor(environment, FloatBuffer.wrap(charValues), charShape));
            return tensors;
        } catch (OrtException e) {
            tensors.values().forEach(OnnxTensor::close);
            throw new IllegalStateException("cannot build the model's input tensors: " + e.getMessage(), e);
        }
    }

    /** The same model, reading tickets through another text template (an operator's override). */
    public LinearTicketModel withTextTemplate(TicketTextTemplate other) {
        return new LinearTicketModel(environment, session, descriptor, featurizer, reasons, other, source, id);
    }

    /**
     * How many tickets' reasons this model computed since it was opened: only those whose reasons were read (a note
     * shows them), not every ticket classified; 0 for a model opened for scoring.
     */
    public long explainedTickets() {
        return reasons.map(LinearReasons::explained).orElse(0L);
    }

    public ModelDescriptor descriptor() {
        return descriptor;
    }

    public TicketTextTemplate textTemplate() {
        return template;
    }

    @Override
    public String name() {
        return descriptor.name();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public List<HeadSpec> heads() {
        return descriptor.heads();
    }

    @Override
    public List<Classification> classifyAll(List<TicketText> tickets) {
        return classifyTexts(tickets.stream().map(template::render).toList());
    }

    @Override
    public Optional<TfIdfVector> tfIdf(TicketText ticket, boolean characters) {
        TextFeaturizer features = characters ? featurizer : wordFeaturizer;
        return reasons.map(r -> r.tfIdf(features.featurize(template.render(ticket)), characters));
    }

    /**
     * Classifies already rendered texts. A large batch is cut into micro-batches of texts of similar length, so that
     * padding each to its longest feature list wastes little, and the micro-batches run on all cores at once, each
     * featurized and run by one thread: featurizing and the graph are about half the work each, and a session runs
     * concurrent calls in parallel.
     */
    public List<Classification> classifyTexts(List<String> texts) {
        List<List<Integer>> batches = microBatches(texts);
        if (batches.size() == 1) {
            return classifyMicroBatch(texts);
        }
        Classification[] out = new Classification[texts.size()];
        // Longest first, each core taking the next micro-batch when it is free: the last one to finish is then a
        // short one, and no core idles while another works through a long tail.
        AtomicInteger next = new AtomicInteger(batches.size());
        int workers = Math.min(batches.size(), ForkJoinPool.getCommonPoolParallelism() + 1);
        IntStream.range(0, workers).parallel().forEach(worker -> {
            for (int b = next.decrementAndGet(); b >= 0; b = next.decrementAndGet()) {
                List<Integer> rows = batches.get(b);
                List<Classification> results = classifyMicroBatch(rows.stream().map(texts::get).toList());
                for (int k = 0; k < rows.size(); k++) {
                    out[rows.get(k)] = results.get(k);
                }
            }
        });
        return List.of(out);
    }

    /**
     * How {@link #classifyTexts} cuts a batch: positions of the texts, shortest first, in groups of at most
     * {@value #MICRO_BATCH}; one group, in order, when the batch is that small. Public so that a benchmark can run the
     * bare graph on the same calls.
     */
    public static List<List<Integer>> microBatches(List<String> texts) {
        List<Integer> byLength = new ArrayList<>(IntStream.range(0, texts.size()).boxed().toList());
        if (texts.size() <= MICRO_BATCH) {
            return List.of(byLength);
        }
        byLength.sort(Comparator.comparingInt(i -> texts.get(i).length()));
        List<List<Integer>> batches = new ArrayList<>();
        for (int from = 0; from < byLength.size(); from += MICRO_BATCH) {
            batches.add(List.copyOf(byLength.subList(from, Math.min(byLength.size(), from + MICRO_BATCH))));
        }
        return batches;
    }

    /** One ONNX Runtime call for the texts, padded to the longest feature list among them. */
    private List<Classification> classifyMicroBatch(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<SparseFeatures> features = texts.stream().map(featurizer::featurize).toList();
        Map<String, OnnxTensor> inputs = inputTensors(environment, features);
        try (OrtSession.Result result = session.run(inputs)) {
            List<float[][]> probabilities = new ArrayList<>();
            for (HeadSpec head : descriptor.heads()) {
                probabilities.add((float[][]) result.get(head.output()).orElseThrow().getValue());
            }
            List<Classification> out = new ArrayList<>(texts.size());
            int headCount = descriptor.heads().size();
            for (int row = 0; row < texts.size(); row++) {
                HeadPrediction[] predictions = new HeadPrediction[headCount];
                // The labels to explain: each head's winner, and each tag a tags head shows.
                List<int[]> asked = new ArrayList<>();
                for (int h = 0; h < headCount; h++) {
                    HeadSpec head = descriptor.heads().get(h);
                    predictions[h] = TopLabels.of(head, probabilities.get(h)[row]);
                    for (ScoredLabel label : head.multiLabel() ? predictions[h].top()
                            : predictions[h].top().subList(0, 1)) {
                        asked.add(new int[] {h, head.labels().indexOf(label.label())});
                    }
                }
                String text = texts.get(row);
                SparseFeatures ticket = features.get(row);
                Optional<List<Supplier<List<String>>>> why = reasons.map(r -> r.deferred(text, ticket,
                        asked.stream().mapToInt(a -> a[0]).toArray(), asked.stream().mapToInt(a -> a[1]).toArray()));
                Map<String, HeadPrediction> heads = new LinkedHashMap<>();
                for (int h = 0; h < headCount; h++) {
                    HeadPrediction prediction = predictions[h];
                    if (why.isPresent()) {
                        Map<String, List<String>> byLabel = new LinkedHashMap<>();
                        for (int k = 0; k < asked.size(); k++) {
                            if (asked.get(k)[0] == h) {
                                byLabel.put(descriptor.heads().get(h).labels().get(asked.get(k)[1]),
                                        HeadPrediction.deferred(why.get().get(k)));
                            }
                        }
                        prediction = descriptor.heads().get(h).multiLabel() ? prediction.withTagReasons(byLabel)
                                : prediction.withReasons(byLabel.get(prediction.label()));
                    }
                    heads.put(prediction.head(), prediction);
                }
                out.add(new Classification(heads));
            }
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on model " + source + ": " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException ignored) {
            // nothing useful can be done when a session fails to release native memory at shutdown
        }
    }
}
