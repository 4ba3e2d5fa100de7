package io.tickettriage.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import io.tickettriage.classify.HeadSpec;
import io.tickettriage.classify.ModelDescriptor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a {@link TrainedModel} as an ONNX graph over sparse inputs:
 *
 * <pre>
 * feature_ids int64[batch, features], feature_values float[batch, features]
 *   Gather(W, ids) * values → ReduceSum over features → + b → Split by head → Softmax → &lt;head&gt;_probabilities
 * </pre>
 *
 * Only the rows of present features are touched, so cost grows with the ticket, not with the hash space. The
 * descriptor goes into {@code metadata_props}. Written from the ONNX protobuf classes directly (not Tribuo's exporter,
 * which embeds timestamps): the same model always gives the same bytes.
 */
public final class OnnxLinearModelWriter {

    private static final int OPSET = 17;
    private static final long IR_VERSION = 8;
    private static final String BATCH = "batch";
    private static final String FEATURES = "features";

    public byte[] write(TrainedModel model) {
        ModelDescriptor descriptor = model.descriptor();
        List<HeadWeights> heads = model.heads();
        int dimension = heads.get(0).dimension();
        int width = heads.stream().mapToInt(HeadWeights::labels).sum();
        GraphProto.Builder graph = GraphProto.newBuilder().setName(descriptor.name())
                .addInput(tensorInfo("feature_ids", TensorProto.DataType.INT64, BATCH, FEATURES))
                .addInput(tensorInfo("feature_values", TensorProto.DataType.FLOAT, BATCH, FEATURES))
                .addInitializer(floatTensor("weights", interleave(heads, dimension, width), dimension, width))
                .addInitializer(floatTensor("bias", concatenate(heads, width), width))
                .addInitializer(int64Tensor("unsqueeze_axes", 2))
                .addInitializer(int64Tensor("sum_axes", 1))
                .addInitializer(int64Tensor("head_sizes", heads.stream().mapToLong(HeadWeights::labels).toArray()))
                .addNode(node("Unsqueeze", List.of("feature_values", "unsqueeze_axes"), "values_column"))
                .addNode(node("Gather", List.of("weights", "feature_ids"), "rows"))
                .addNode(node("Mul", List.of("rows", "values_column"), "weighted"))
                .addNode(node("ReduceSum", List.of("weighted", "sum_axes"), "sums", intAttribute("keepdims", 0)))
                .addNode(node("Add", List.of("sums", "bias"), "logits"));
        NodeProto.Builder split = NodeProto.newBuilder().setOpType("Split").setName("split_heads")
                .addInput("logits").addInput("head_sizes").addAttribute(intAttribute("axis", 1));
        descriptor.heads().forEach(spec -> split.addOutput(spec.name() + "_logits"));
        graph.addNode(split);
        for (HeadSpec spec : descriptor.heads()) {
            graph.addNode(node("Softmax", List.of(spec.name() + "_logits"), spec.output(), intAttribute("axis", -1)))
                    .addOutput(tensorInfo(spec.output(), TensorProto.DataType.FLOAT, BATCH, spec.labels().size()));
        }
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("ticket-triage")
                .setModelVersion(1)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .addMetadataProps(StringStringEntryProto.newBuilder()
                        .setKey(ModelDescriptor.METADATA_KEY).setValue(descriptor.toJson()))
                .setGraph(graph)
                .build()
                .toByteArray();
    }

    /**
     * All heads' weights side by side in one {@code [dimension][all labels]} matrix: a feature's weights for every
     * head then share one cache line, and the lookups are what a linear model's time goes to.
     */
    private static float[] interleave(List<HeadWeights> heads, int dimension, int width) {
        float[] all = new float[dimension * width];
        int column = 0;
        for (HeadWeights head : heads) {
            for (int f = 0; f < dimension; f++) {
                System.arraycopy(head.weights(), f * head.labels(), all, f * width + column, head.labels());
            }
            column += head.labels();
        }
        return all;
    }

    private static float[] concatenate(List<HeadWeights> heads, int width) {
        float[] all = new float[width];
        int at = 0;
        for (HeadWeights head : heads) {
            System.arraycopy(head.bias(), 0, all, at, head.labels());
            at += head.labels();
        }
        return all;
    }

    private static NodeProto node(String op, List<String> inputs, String output, AttributeProto... attributes) {
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(op).setName(output).addAllInput(inputs)
                .addOutput(output);
        for (AttributeProto attribute : attributes) {
            node.addAttribute(attribute);
        }
        return node.build();
    }

    private static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    private static TensorProto int64Tensor(String name, long... values) {
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(values.length).addAllInt64Data(Arrays.stream(values).boxed().toList()).build();
    }

    private static TensorProto floatTensor(String name, float[] values, long... dims) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.FLOAT_VALUE).setRawData(ByteString.copyFrom(raw.array()));
        for (long dim : dims) {
            tensor.addDims(dim);
        }
        return tensor.build();
    }

    /** Dimensions are either symbolic names (String) or fixed sizes (Integer). */
    private static ValueInfoProto tensorInfo(String name, TensorProto.DataType type, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object dim : dims) {
            TensorShapeProto.Dimension.Builder d = TensorShapeProto.Dimension.newBuilder();
            if (dim instanceof String symbolic) {
                d.setDimParam(symbolic);
            } else {
                d.setDimValue(((Number) dim).longValue());
            }
            shape.addDim(d);
        }
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                        .setElemType(type.getNumber()).setShape(shape)))
                .build();
    }
}
