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
 * The floor the classifier is measured against: the same model and the same features, already in tensors, run in
 * batches of a given size per {@code OrtSession.run} with nothing around it.
 */
final class BareOnnxRuntime implements AutoCloseable {

    private final OrtSession session;
    private final List<Map<String, OnnxTensor>> inputs = new ArrayList<>();
    private final int tickets;

    BareOnnxRuntime(byte[] onnx, List<SparseFeatures> features, int wordDimension, int batch) throws OrtException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(1);
            session = environment.createSession(onnx, options);
        }
        tickets = features.size();
        for (int from = 0; from < features.size(); from += batch) {
            inputs.add(LinearTicketModel.inputTensors(environment,
                    features.subList(from, Math.min(features.size(), from + batch)), wordDimension));
        }
    }

    int runAll() {
        try {
            for (Map<String, OnnxTensor> input : inputs) {
                session.run(input).close();
            }
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
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
