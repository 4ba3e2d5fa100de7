package io.tickettriage.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.tickettriage.classify.LinearTicketModel;
import io.tickettriage.classify.SparseFeatures;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
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

    BareOnnxRuntime(byte[] onnx, List<SparseFeatures> features, int batch) throws OrtException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(1);
            session = environment.createSession(onnx, options);
        }
        tickets = features.size();
        for (int from = 0; from < features.size(); from += batch) {
            List<SparseFeatures> part = features.subList(from, Math.min(features.size(), from + batch));
            int width = Math.max(1, part.stream().mapToInt(SparseFeatures::size).max().orElse(1));
            long[] ids = new long[part.size() * width];
            float[] values = new float[ids.length];
            for (int row = 0; row < part.size(); row++) {
                SparseFeatures f = part.get(row);
                for (int i = 0; i < f.size(); i++) {
                    ids[row * width + i] = f.ids()[i];
                    values[row * width + i] = f.values()[i];
                }
            }
            long[] shape = {part.size(), width};
            inputs.add(Map.of(LinearTicketModel.INPUT_IDS, OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape),
                    LinearTicketModel.INPUT_VALUES, OnnxTensor.createTensor(environment, FloatBuffer.wrap(values), shape)));
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
