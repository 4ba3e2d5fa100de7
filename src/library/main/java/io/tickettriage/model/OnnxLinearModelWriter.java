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
import static io.tickettriage.model.OnnxProtos.rawFloatTensor;
import static io.tickettriage.model.OnnxProtos.tensorInfo;

import io.tickettriage.classify.HeadSpec;
import io.tickettriage.classify.ModelDescriptor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Writes a {@link TrainedModel} as an ONNX graph over sparse inputs, one pair per feature block (word n-grams,
 * character n-grams), each L2-normalised on its own as {@link TfIdfVocabulary#weigh} does:
 *
 * <pre>
 * &lt;block&gt;_ids int64[batch, features], &lt;block&gt;_values float[batch, features] (sublinear tf, 0 = padding)
 *   rows = Gather(table, LabelEncoder(ids → vocabulary row, unknown → 0))   table row = [idf·w for every label, idf²]
 *   [tf; tf²] · rows (one batched MatMul) → Σ tf·idf·w per label and Σ (tf·idf)², the block's squared norm
 *   Σ over blocks of (Σ tf·idf·w) / norm → + b → Split by head → Softmax (Sigmoid for tags) → &lt;head&gt;_probabilities
 * </pre>
 *
 * Folding the IDF into the weight rows, and the norm into the same MatMul, leaves one gather per feature: the
 * lookups are what a linear model's time goes to. The vocabulary and weighting are {@link TfIdfVocabulary}'s, so the
 * model is whole: any ONNX Runtime client that hashes text the way {@code TextFeaturizer} does gets the same
 * answers. Only the rows of present features are touched, so cost grows with the ticket, not with the vocabulary.
 * The descriptor goes into {@code metadata_props}. Written from the ONNX protobuf classes directly (not Tribuo's
 * exporter, which embeds timestamps): the same model always gives the same bytes.
 */
public final class OnnxLinearModelWriter {

    /** Graph inputs, per block: hashed feature ids int64[batch, features] and their sublinear tf float[batch, features]. */
    public static final List<String> BLOCKS = List.of("word", "char");
    private static final int OPSET = 17;
    private static final int ML_OPSET = 2;
    private static final long IR_VERSION = 8;
    private static final String ML_DOMAIN = "ai.onnx.ml";
    private static final String BATCH = "batch";

    public byte[] write(TrainedModel model) {
        return write(graph(model), model.descriptor());
    }

    /**
     * A graph written with another descriptor of the same model (the same name, heads and featurizer, with more facts
     * or thresholds): {@code train} scores a draft and then writes the final model from the same graph, without
     * laying the weights out a second time.
     */
    public byte[] write(GraphProto graph, ModelDescriptor descriptor) {
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

    /** The model's graph: everything but its descriptor. */
    public GraphProto graph(TrainedModel model) {
        ModelDescriptor descriptor = model.descriptor();
        List<HeadWeights> heads = model.heads();
        TfIdfVocabulary vocabulary = model.vocabulary();
        int rows = heads.get(0).rows();
        int width = heads.stream().mapToInt(HeadWeights::labels).sum();
        GraphProto.Builder graph = GraphProto.newBuilder().setName(descriptor.name())
                .addInitializer(rawFloatTensor("table", table(heads, vocabulary.idf(), rows, width), rows, width + 1))
                .addInitializer(floatTensor("bias", concatenate(heads, width), width))
                .addInitializer(floatScalar("tiny", 1e-30f))
                .addInitializer(int64Tensor("middle_axis", 1))
                .addInitializer(int64Tensor("sums_start", 0, 0))
                .addInitializer(int64Tensor("sums_end", 1, width))
                .addInitializer(int64Tensor("norm_start", 1, width))
                .addInitializer(int64Tensor("norm_end", 2, width + 1))
                .addInitializer(int64Tensor("slice_axes", 1, 2))
                .addInitializer(int64Tensor("head_sizes", heads.stream().mapToLong(HeadWeights::labels).toArray()));
        int wordDimension = descriptor.featurizer().wordDimension();
        addBlock(graph, BLOCKS.get(0), vocabularyLookup(vocabulary, BLOCKS.get(0), id -> id < wordDimension));
        addBlock(graph, BLOCKS.get(1), vocabularyLookup(vocabulary, BLOCKS.get(1), id -> id >= wordDimension));
        graph.addNode(node("Add", List.of(BLOCKS.get(0) + "_scaled", BLOCKS.get(1) + "_scaled"), "sums_row"))
                .addNode(node("Squeeze", List.of("sums_row", "middle_axis"), "sums"))
                .addNode(node("Add", List.of("sums", "bias"), "logits"));
        NodeProto.Builder split = NodeProto.newBuilder().setOpType("Split").setName("split_heads")
                .addInput("logits").addInput("head_sizes").addAttribute(intAttribute("axis", 1));
        descriptor.heads().forEach(spec -> split.addOutput(spec.name() + "_logits"));
        graph.addNode(split);
        for (HeadSpec spec : descriptor.heads()) {
            // A multi-label head's tags are each their own yes or no: a sigmoid per tag, not a softmax over them.
            graph.addNode(spec.multiLabel() ? node("Sigmoid", List.of(spec.name() + "_logits"), spec.output())
                            : node("Softmax", List.of(spec.name() + "_logits"), spec.output(), intAttribute("axis", -1)))
                    .addOutput(tensorInfo(spec.output(), TensorProto.DataType.FLOAT, BATCH, spec.labels().size()));
        }
        return graph.build();
    }

    /** One block's inputs and its contribution {@code <block>_scaled} [batch, 1, labels]: Σ tf·idf·w / norm. */
    private static void addBlock(GraphProto.Builder graph, String block, NodeProto lookup) {
        String ids = block + "_ids";
        String values = block + "_values";
        graph.addInput(tensorInfo(ids, TensorProto.DataType.INT64, BATCH, block + "_features"))
                .addInput(tensorInfo(values, TensorProto.DataType.FLOAT, BATCH, block + "_features"))
                .addNode(lookup)
                .addNode(node("Gather", List.of("table", block + "_rows"), block + "_table_rows"))
                .addNode(node("Mul", List.of(values, values), block + "_squares"))
                .addNode(node("Unsqueeze", List.of(values, "middle_axis"), block + "_tf_row"))
                .addNode(node("Unsqueeze", List.of(block + "_squares", "middle_axis"), block + "_squares_row"))
                .addNode(node("Concat", List.of(block + "_tf_row", block + "_squares_row"), block + "_lhs",
                        intAttribute("axis", 1)))
                // [batch, 2, features] x [batch, features, labels + 1] -> [batch, 2, labels + 1]
                .addNode(node("MatMul", List.of(block + "_lhs", block + "_table_rows"), block + "_products"))
                .addNode(node("Slice", List.of(block + "_products", "sums_start", "sums_end", "slice_axes"),
                        block + "_sums"))
                .addNode(node("Slice", List.of(block + "_products", "norm_start", "norm_end", "slice_axes"),
                        block + "_norm_squared"))
                .addNode(node("Max", List.of(block + "_norm_squared", "tiny"), block + "_norm_squared_safe"))
                .addNode(node("Sqrt", List.of(block + "_norm_squared_safe"), block + "_norm"))
                .addNode(node("Div", List.of(block + "_sums", block + "_norm"), block + "_scaled"));
    }

    /**
     * Feature id → vocabulary row, for the ids of one block: a hash table lookup inside ONNX Runtime. Each block's
     * table holds only its own ids, so the vocabulary is stored once.
     */
    private static NodeProto vocabularyLookup(TfIdfVocabulary vocabulary, String block, IntPredicate inBlock) {
        // Added one by one, not from lists: a list would box every id of the vocabulary.
        AttributeProto.Builder keys = AttributeProto.newBuilder().setName("keys_int64s")
                .setType(AttributeProto.AttributeType.INTS);
        AttributeProto.Builder values = AttributeProto.newBuilder().setName("values_int64s")
                .setType(AttributeProto.AttributeType.INTS);
        int[] features = vocabulary.features();
        for (int i = 0; i < features.length; i++) {
            if (inBlock.test(features[i])) {
                keys.addInts(features[i]);
                values.addInts(i + 1L);
            }
        }
        return NodeProto.newBuilder().setOpType("LabelEncoder").setDomain(ML_DOMAIN).setName(block + "_lookup")
                .addInput(block + "_ids").addOutput(block + "_rows")
                .addAttribute(keys)
                .addAttribute(values)
                .addAttribute(intAttribute("default_int64", 0))
                .build();
    }

    /**
     * All heads' weights side by side, times the feature's IDF, plus its squared IDF: one {@code [rows][labels + 1]}
     * matrix, so that one gather per feature fetches everything about it, and a feature's weights for every head
     * share one cache line. Row 0, for unknown features, is zero (IDF 0). Laid out straight into the tensor's raw
     * little-endian bytes: the largest array of the model is not built twice.
     */
    private static ByteBuffer table(List<HeadWeights> heads, float[] idf, int rows, int width) {
        int stride = width + 1;
        ByteBuffer raw = ByteBuffer.allocate(rows * stride * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        FloatBuffer all = raw.asFloatBuffer();
        int column = 0;
        for (HeadWeights head : heads) {
            for (int f = 0; f < rows; f++) {
                for (int label = 0; label < head.labels(); label++) {
                    all.put(f * stride + column + label, idf[f] * head.weights()[f * head.labels() + label]);
                }
            }
            column += head.labels();
        }
        for (int f = 0; f < rows; f++) {
            all.put(f * stride + width, idf[f] * idf[f]);
        }
        return raw;
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
