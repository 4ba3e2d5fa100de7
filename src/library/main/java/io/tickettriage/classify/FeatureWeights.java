package io.tickettriage.classify;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteOrder;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * A linear model's learned numbers in Java, read once from its ONNX graph: ONNX Runtime hands back only
 * probabilities, and explaining one takes each feature's share of the score. The layout is the one
 * {@code OnnxLinearModelWriter} writes: {@code LabelEncoder} nodes map a feature id to its row, and the
 * {@code table} initializer holds per row idf·weight for every label of every head side by side, then idf².
 *
 * <p>Immutable; it costs about as much heap as the model file.
 */
final class FeatureWeights {

    private static final String TABLE = "table";

    /**
     * Feature id → row in an open-addressing table, at most half full: {@code keys} holds id + 1 (0 is empty), and
     * the slot's row is in {@code rows}. A ticket looks up hundreds of ids, and a binary search would cost more than
     * featurizing it.
     */
    private final int[] keys;
    private final int[] rows;
    private final float[] table;
    private final int stride;
    /** Column of each head's first label, in the descriptor's head order. */
    private final int[] headColumns;
    /** The largest idf² of any feature: the idf of the rarest features training saw. */
    private final float maxIdfSquared;

    private FeatureWeights(int[] keys, int[] rows, float[] table, int stride, int[] headColumns) {
        this.keys = keys;
        this.rows = rows;
        this.table = table;
        this.stride = stride;
        this.headColumns = headColumns;
        float max = 0;
        for (int row = 1; row * stride < table.length; row++) {
            max = Math.max(max, idfSquared(row));
        }
        this.maxIdfSquared = max;
    }

    /** @throws IllegalArgumentException when the graph is not laid out as ticket-triage's writer lays it out */
    static FeatureWeights read(byte[] onnx, List<HeadSpec> heads) {
        GraphProto graph;
        try {
            graph = ModelProto.parseFrom(onnx).getGraph();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("it is not an ONNX model: " + e.getMessage(), e);
        }
        TensorProto tensor = graph.getInitializerList().stream().filter(t -> t.getName().equals(TABLE)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("it has no weight table '" + TABLE + "'"));
        int[] headColumns = new int[heads.size()];
        int width = 0;
        for (int h = 0; h < heads.size(); h++) {
            headColumns[h] = width;
            width += heads.get(h).labels().size();
        }
        if (tensor.getDimsCount() != 2 || tensor.getDims(1) != width + 1
                || tensor.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new IllegalArgumentException("its weight table " + tensor.getDimsList() + " does not fit its heads' "
                    + width + " labels");
        }
        float[] table = new float[Math.toIntExact(tensor.getDims(0) * tensor.getDims(1))];
        tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(table);
        // Both blocks' lookups, merged: their ids are disjoint (word ids below the character ids).
        long[] pairs = graph.getNodeList().stream().filter(n -> n.getOpType().equals("LabelEncoder"))
                .flatMapToLong(FeatureWeights::idRowPairs).toArray();
        int capacity = Integer.highestOneBit(Math.max(8, pairs.length) * 2 - 1) * 2;
        int[] keys = new int[capacity];
        int[] rows = new int[capacity];
        for (long pair : pairs) {
            int id = (int) (pair >>> 32);
            int row = (int) pair;
            if (id < 0 || row <= 0 || (long) row * (width + 1) >= table.length) {
                throw new IllegalArgumentException("feature " + id + " maps to row " + row
                        + ", outside its weight table");
            }
            int slot = slot(id, capacity);
            while (keys[slot] != 0) {
                slot = (slot + 1) & (capacity - 1);
            }
            keys[slot] = id + 1;
            rows[slot] = row;
        }
        return new FeatureWeights(keys, rows, table, width + 1, headColumns);
    }

    /** A lookup's (id, row) pairs as {@code id << 32 | row}. */
    private static LongStream idRowPairs(NodeProto lookup) {
        List<Long> keys = attribute(lookup, "keys_int64s").getIntsList();
        List<Long> values = attribute(lookup, "values_int64s").getIntsList();
        if (keys.size() != values.size()) {
            throw new IllegalArgumentException("lookup " + lookup.getName() + " has " + keys.size() + " keys but "
                    + values.size() + " rows");
        }
        return IntStream.range(0, keys.size()).mapToLong(k -> keys.get(k) << 32 | values.get(k));
    }

    private static AttributeProto attribute(NodeProto node, String name) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("lookup " + node.getName() + " has no " + name));
    }

    /** The feature's row; 0, whose weights are all 0, for a feature training never saw. */
    int row(int id) {
        int mask = keys.length - 1;
        for (int slot = slot(id, keys.length); keys[slot] != 0; slot = (slot + 1) & mask) {
            if (keys[slot] == id + 1) {
                return rows[slot];
            }
        }
        return 0;
    }

    private static int slot(int id, int capacity) {
        return (id * 0x9E3779B9 >>> 7) & (capacity - 1);
    }

    /** The table column of a head's label: head in the descriptor's order, label in the head's order. */
    int column(int head, int label) {
        return headColumns[head] + label;
    }

    /** idf × weight of the row for the label at {@code column}. */
    float idfWeight(int row, int column) {
        return table[row * stride + column];
    }

    float idfSquared(int row) {
        return table[row * stride + stride - 1];
    }

    /**
     * The idf² a feature training never saw is taken to have when tickets are compared with each other: the largest
     * of the model's, for it is at least as rare. (The model itself gives such a feature no weight.)
     */
    float unseenIdfSquared() {
        return maxIdfSquared;
    }
}
