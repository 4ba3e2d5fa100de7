package io.tickettriage.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import static io.tickettriage.model.OnnxProtos.floatScalar;
import static io.tickettriage.model.OnnxProtos.floatTensor;
import static io.tickettriage.model.OnnxProtos.int64Tensor;
import static io.tickettriage.model.OnnxProtos.intAttribute;
import static io.tickettriage.model.OnnxProtos.node;
import static io.tickettriage.model.OnnxProtos.tensorInfo;

import io.tickettriage.classify.HeadSpec;
import io.tickettriage.classify.ModelDescriptor;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

/**
 * Writes a {@link TrainedModel} as an ONNX graph over sparse inputs:
 *
 * <pre>
 * feature_ids int64[batch, features], feature_values float[batch, features] (sublinear tf, 0 = padding)
 *   rows = LabelEncoder(ids → vocabulary row, unknown → 0)
 *   x = values * Gather(idf, rows), L2-normalised per block (word ids below wordDimension, character ids above)
 *   x · Gather(W, rows) (batched MatMul) → + b → Split by head → Softmax → &lt;head&gt;_probabilities
 * </pre>
 *
 * The vocabulary and weighting are {@link TfIdfVocabulary}'s, so the model is whole: any ONNX Runtime client that
 * hashes text the way {@code TextFeaturizer} does gets the same answers. Only the rows of present features are
 * touched, so cost grows with the ticket, not with the vocabulary. The descriptor goes into {@code metadata_props}. Written from the ONNX protobuf classes directly (not Tribuo's exporter,
 * which embeds timestamps): the same model always gives the same bytes.
 */
public final class OnnxLinearModelWriter {

    private static final int OPSET = 17;
    private static final int ML_OPSET = 2;
    private static final long IR_VERSION = 8;
    private static final String ML_DOMAIN = "ai.onnx.ml";
    private static final String BATCH = "batch";
    private static final String FEATURES = "features";

    public byte[] write(TrainedModel model) {
        ModelDescriptor descriptor = model.descriptor();
        List<HeadWeights> heads = model.heads();
        TfIdfVocabulary vocabulary = model.vocabulary();
        int rows = heads.get(0).rows();
        int width = heads.stream().mapToInt(HeadWeights::labels).sum();
        GraphProto.Builder graph = GraphProto.newBuilder().setName(descriptor.name())
                .addInput(tensorInfo("feature_ids", TensorProto.DataType.INT64, BATCH, FEATURES))
                .addInput(tensorInfo("feature_values", TensorProto.DataType.FLOAT, BATCH, FEATURES))
                .addInitializer(floatTensor("idf", vocabulary.idf(), rows))
                .addInitializer(floatTensor("weights", interleave(heads, rows, width), rows, width))
                .addInitializer(floatTensor("bias", concatenate(heads, width), width))
                .addInitializer(int64Tensor("word_dimension", descriptor.featurizer().wordDimension()))
                .addInitializer(floatScalar("one", 1f))
                .addInitializer(floatScalar("tiny", 1e-30f))
                .addInitializer(int64Tensor("row_axes", 1))
                .addInitializer(int64Tensor("sum_axes", 1))
                .addInitializer(int64Tensor("head_sizes", heads.stream().mapToLong(HeadWeights::labels).toArray()))
                // TF-IDF over the known features, each block scaled to unit length (TfIdfVocabulary.weigh)
                .addNode(vocabularyLookup(vocabulary))
                .addNode(node("Gather", List.of("idf", "feature_rows"), "feature_idf"))
                .addNode(node("Mul", List.of("feature_values", "feature_idf"), "tfidf"))
                .addNode(node("Less", List.of("feature_ids", "word_dimension"), "is_word_bool"))
                .addNode(node("Cast", List.of("is_word_bool"), "is_word", intAttribute("to", TensorProto.DataType.FLOAT_VALUE)))
                .addNode(node("Sub", List.of("one", "is_word"), "is_char"))
                .addNode(node("Mul", List.of("tfidf", "tfidf"), "squares"))
                .addNode(node("Mul", List.of("squares", "is_word"), "word_squares"))
                .addNode(node("ReduceSum", List.of("squares", "sum_axes"), "all_sum", intAttribute("keepdims", 1)))
                .addNode(node("ReduceSum", List.of("word_squares", "sum_axes"), "word_sum", intAttribute("keepdims", 1)))
                .addNode(node("Sub", List.of("all_sum", "word_sum"), "char_sum"))
                .addNode(node("Max", List.of("word_sum", "tiny"), "word_sum_safe"))
                .addNode(node("Max", List.of("char_sum", "tiny"), "char_sum_safe"))
                .addNode(node("Sqrt", List.of("word_sum_safe"), "word_norm"))
                .addNode(node("Sqrt", List.of("char_sum_safe"), "char_norm"))
                .addNode(node("Div", List.of("is_word", "word_norm"), "word_scale"))
                .addNode(node("Div", List.of("is_char", "char_norm"), "char_scale"))
                .addNode(node("Add", List.of("word_scale", "char_scale"), "scale"))
                .addNode(node("Mul", List.of("tfidf", "scale"), "normalized"))
                // [batch, 1, features] x [batch, features, labels]: one batched MatMul, no [b, f, l] temporaries
                .addNode(node("Unsqueeze", List.of("normalized", "row_axes"), "values_row"))
                .addNode(node("Gather", List.of("weights", "feature_rows"), "rows"))
                .addNode(node("MatMul", List.of("values_row", "rows"), "sums_row"))
                .addNode(node("Squeeze", List.of("sums_row", "row_axes"), "sums"))
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
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(ML_DOMAIN).setVersion(ML_OPSET))
                .addMetadataProps(StringStringEntryProto.newBuilder()
                        .setKey(ModelDescriptor.METADATA_KEY).setValue(descriptor.toJson()))
                .setGraph(graph)
                .build()
                .toByteArray();
    }

    /** Feature id → vocabulary row: a hash table lookup inside ONNX Runtime. */
    private static NodeProto vocabularyLookup(TfIdfVocabulary vocabulary) {
        List<Long> keys = Arrays.stream(vocabulary.features()).asLongStream().boxed().toList();
        List<Long> values = LongStream.rangeClosed(1, vocabulary.size()).boxed().toList();
        return NodeProto.newBuilder().setOpType("LabelEncoder").setDomain(ML_DOMAIN).setName("feature_rows")
                .addInput("feature_ids").addOutput("feature_rows")
                .addAttribute(AttributeProto.newBuilder().setName("keys_int64s")
                        .setType(AttributeProto.AttributeType.INTS).addAllInts(keys))
                .addAttribute(AttributeProto.newBuilder().setName("values_int64s")
                        .setType(AttributeProto.AttributeType.INTS).addAllInts(values))
                .addAttribute(intAttribute("default_int64", 0))
                .build();
    }

    /**
     * All heads' weights side by side in one {@code [dimension][all labels]} matrix: a feature's weights for every
     * head then share one cache line, and the lookups are what a linear model's time goes to.
     */
    private static float[] interleave(List<HeadWeights> heads, int rows, int width) {
        float[] all = new float[rows * width];
        int column = 0;
        for (HeadWeights head : heads) {
            for (int f = 0; f < rows; f++) {
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
}
