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
 * The floor the classifier is measured against: the same model and the same features, already in tensors, run
 * one ticket per {@code OrtSession.run} with nothing around it.
 */
final class BareOnnxRuntime implements AutoCloseable {

    private final OrtSession session;
    private final List<Map<String, OnnxTensor>> inputs = new ArrayList<>();

    BareOnnxRuntime(byte[] onnx, List<SparseFeatures> features) throws OrtException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(1);
            session = environment.createSession(onnx, options);
        }
        for (SparseFeatures f : features) {
            long[] ids = new long[Math.max(1, f.size())];
            float[] values = new float[ids.length];
            for (int i = 0; i < f.size(); i++) {
                ids[i] = f.ids()[i];
                values[i] = f.values()[i];
            }
            long[] shape = {1, ids.length};
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
        return inputs.size();
    }

    @Override
    public void close() throws OrtException {
        for (Map<String, OnnxTensor> input : inputs) {
            input.values().forEach(OnnxTensor::close);
        }
        session.close();
    }
}
