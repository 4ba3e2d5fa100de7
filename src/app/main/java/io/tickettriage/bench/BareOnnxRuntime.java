package io.tickettriage.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.tickettriage.classify.LinearTicketModel;
import io.tickettriage.classify.SparseFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The floor the classifier is measured against: the same model and the same features, already in tensors, cut into
 * the same ONNX Runtime calls as the classifier makes, run with nothing around them, on one thread or on all cores
 * as the classifier does.
 */
final class BareOnnxRuntime implements AutoCloseable {

    private final OrtSession session;
    private final List<Map<String, OnnxTensor>> inputs = new ArrayList<>();
    private final boolean allCores;
    private final int tickets;

    /** @param calls the features of each {@code OrtSession.run}, in order */
    BareOnnxRuntime(byte[] onnx, List<List<SparseFeatures>> calls, boolean allCores)
            throws OrtException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(1);
            session = environment.createSession(onnx, options);
        }
        for (List<SparseFeatures> call : calls) {
            inputs.add(LinearTicketModel.inputTensors(environment, call));
        }
        this.allCores = allCores;
        this.tickets = calls.stream().mapToInt(List::size).sum();
    }

    int runAll() {
        (allCores ? inputs.parallelStream() : inputs.stream()).forEach(input -> {
            try {
                session.run(input).close();
            } catch (OrtException e) {
                throw new IllegalStateException(e);
            }
        });
        return tickets;
    }

    @Override
    public void close() throws OrtException {
        for (Map<String, OnnxTensor> input : inputs) {
            input.values().forEach(OnnxTensor::close);
        }
        session.close();
    }
}
