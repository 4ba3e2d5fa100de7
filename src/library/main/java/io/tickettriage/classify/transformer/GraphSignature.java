package io.tickettriage.classify.transformer;

import static io.tickettriage.classify.transformer.ModelFolder.problem;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inputs and the output of an exported text classifier, as ONNX Runtime reports them, checked once at load.
 *
 * @param inputs the graph's inputs and their integer type (int64 as exported, int32 if the graph says so)
 * @param output the logits output, {@code [batch, labels]}
 */
record GraphSignature(Map<String, OnnxJavaType> inputs, String output) {

    static final String INPUT_IDS = "input_ids";
    static final String ATTENTION_MASK = "attention_mask";
    static final String TOKEN_TYPE_IDS = "token_type_ids";
    private static final String LOGITS = "logits";

    private static final List<String> KNOWN_INPUTS = List.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS);

    GraphSignature {
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    }

    static GraphSignature of(OrtSession session, ModelFolder folder) throws OrtException {
        String file = folder.onnxFile().getFileName().toString();
        Map<String, OnnxJavaType> inputs = new LinkedHashMap<>();
        for (NodeInfo input : session.getInputInfo().values()) {
            if (!KNOWN_INPUTS.contains(input.getName())) {
                throw problem(folder.folder(), file + " takes input '" + input.getName() + "', but a text classifier"
                        + " takes only " + KNOWN_INPUTS + "; its inputs are " + session.getInputNames());
            }
            TensorInfo tensor = tensor(folder.folder(), file, input);
            if (tensor.type != OnnxJavaType.INT64 && tensor.type != OnnxJavaType.INT32) {
                throw problem(folder.folder(), file + " declares input '" + input.getName() + "' as " + tensor.type
                        + "; token inputs must be int64 or int32");
            }
            long[] shape = tensor.getShape();
            if (shape.length != 2 || shape[0] > 0 || shape[1] > 0) {
                throw problem(folder.folder(), file + " declares input '" + input.getName() + "' with shape "
                        + Arrays.toString(shape) + "; token inputs must be [batch, sequence] with both sizes left"
                        + " open (-1), as optimum-cli exports them");
            }
            inputs.put(input.getName(), tensor.type);
        }
        for (String required : List.of(INPUT_IDS, ATTENTION_MASK)) {
            if (!inputs.containsKey(required)) {
                throw problem(folder.folder(), file + " has no input '" + required + "' (its inputs are "
                        + session.getInputNames() + "); ticket-triage pads tickets in a batch and needs "
                        + INPUT_IDS + " and " + ATTENTION_MASK);
            }
        }
        NodeInfo output = output(session, folder.folder(), file);
        TensorInfo logits = tensor(folder.folder(), file, output);
        long[] shape = logits.getShape();
        if (logits.type != OnnxJavaType.FLOAT) {
            throw problem(folder.folder(), file + " gives output '" + output.getName() + "' as " + logits.type
                    + "; ticket-triage reads float32 logits (export the model in float32)");
        }
        // A symbolic width (-1) cannot be checked here; TopLabels checks every row's width at run time instead.
        if (shape.length != 2 || shape[1] > 0 && shape[1] != folder.labels().size()) {
            throw problem(folder.folder(), file + " gives output '" + output.getName() + "' with shape "
                    + Arrays.toString(shape) + ", but " + ModelFolder.CONFIG + " names " + folder.labels().size()
                    + " labels: expected [batch, " + folder.labels().size() + "]");
        }
        return new GraphSignature(inputs, output.getName());
    }

    /** The tensors of one batch for exactly the inputs this graph declares; the caller closes them. */
    Map<String, OnnxTensor> tensors(OrtEnvironment environment, PaddedBatch batch) throws OrtException {
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, OnnxJavaType> input : inputs.entrySet()) {
                long[] values = switch (input.getKey()) {
                    case INPUT_IDS -> batch.inputIds();
                    case ATTENTION_MASK -> batch.attentionMask();
                    default -> batch.tokenTypeIds();
                };
                tensors.put(input.getKey(), tensor(environment, values, batch.shape(), input.getValue()));
            }
            return tensors;
        } catch (OrtException | RuntimeException e) {
            tensors.values().forEach(OnnxTensor::close);
            throw e;
        }
    }

    private static OnnxTensor tensor(OrtEnvironment environment, long[] values, long[] shape, OnnxJavaType type)
            throws OrtException {
        if (type == OnnxJavaType.INT64) {
            return OnnxTensor.createTensor(environment, LongBuffer.wrap(values), shape);
        }
        int[] narrow = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            narrow[i] = Math.toIntExact(values[i]);
        }
        return OnnxTensor.createTensor(environment, IntBuffer.wrap(narrow), shape);
    }

    private static NodeInfo output(OrtSession session, Path folder, String file) throws OrtException {
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        if (outputs.containsKey(LOGITS)) {
            return outputs.get(LOGITS);
        }
        if (outputs.size() == 1) {
            return outputs.values().iterator().next();
        }
        throw problem(folder, file + " has no output '" + LOGITS + "' and several others " + outputs.keySet()
                + ", so which one holds the logits is unclear");
    }

    private static TensorInfo tensor(Path folder, String file, NodeInfo node) {
        if (!(node.getInfo() instanceof TensorInfo tensor)) {
            throw problem(folder, file + " declares '" + node.getName() + "' as " + node.getInfo()
                    + ", not as a tensor");
        }
        return tensor;
    }
}
