package io.tickettriage.classify.transformer;

import static io.tickettriage.model.OnnxProtos.floatTensor;
import static io.tickettriage.model.OnnxProtos.int64Tensor;
import static io.tickettriage.model.OnnxProtos.intAttribute;
import static io.tickettriage.model.OnnxProtos.node;
import static io.tickettriage.model.OnnxProtos.tensorInfo;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a model folder shaped like a Hugging Face text classifier exported by Optimum, small enough to build in a
 * test: {@code model.onnx}, a WordPiece {@code tokenizer.json} and {@code config.json}. No hub, no network.
 *
 * <pre>
 * input_ids [batch, sequence] → Gather(embeddings) (+ Gather(token_type_embeddings, token_type_ids))
 *   → mean over the tokens whose attention_mask is 1 → MatMul(weights) + bias → logits [batch, labels]
 * </pre>
 *
 * The predictions are known in closed form: a keyword's embedding is the one-hot vector of its label, every other
 * token's is zero, and the linear layer is {@link #STRENGTH} × identity + {@link #BIAS}. So for a ticket of {@code n}
 * tokens (with [CLS] and [SEP]) holding {@code k} keywords of label {@code j}, logit {@code j} is
 * {@code STRENGTH · k / n + BIAS} and a label without keywords gets {@code BIAS}. With {@link #withTokenTypeIds()},
 * token type 0 adds {@link #TOKEN_TYPE_NUDGE} to the last label's logit for every ticket.
 *
 * @param labels        id2label, in id order
 * @param keywords      lower-case word → the label it pushes
 * @param multiLabel    config says multi_label_classification (sigmoid), else single-label (softmax)
 * @param tokenTypeIds  the graph also takes token_type_ids, as BERT exports do
 * @param int32Inputs   the graph declares its token inputs int32 instead of int64
 * @param extraInput    a further graph input a text classifier does not take, or null
 * @param modelFile     the ONNX file's name in the folder
 * @param fixedSequence a sequence length the graph's inputs are fixed to (as a careless export does), or 0 for a
 *                      symbolic one
 */
public record TinyTransformer(List<String> labels, Map<String, String> keywords, boolean multiLabel,
                              boolean tokenTypeIds, boolean int32Inputs, String extraInput, String modelFile,
                              int fixedSequence) {

    public static final float STRENGTH = 12f;
    public static final float BIAS = -1f;
    public static final float TOKEN_TYPE_NUDGE = 3f;
    /** Words the tokenizer knows besides the keywords; they carry no weight. Anything else becomes [UNK]. */
    public static final List<String> FILLER = List.of("the", "a", "my", "i", "is", "to", "and", "please", "help",
            "can", "not", "you", "it", "on", "for", "we", "our", "this", "with", "hello", "thanks", "ticket", "need",
            "again", "since", "yesterday", "##s", "##ed", "##ing", ".", ",", "!", "?");

    private static final List<String> SPECIAL = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BATCH = "batch";
    private static final String SEQUENCE = "sequence";

    public TinyTransformer {
        labels = List.copyOf(labels);
        keywords = Map.copyOf(keywords);
        for (Map.Entry<String, String> keyword : keywords.entrySet()) {
            if (!keyword.getKey().matches("[a-z]+") || !labels.contains(keyword.getValue())) {
                throw new IllegalArgumentException("keyword '" + keyword.getKey() + "' must be one lower-case word"
                        + " pushing one of " + labels);
            }
        }
    }

    public static TinyTransformer of(List<String> labels, Map<String, String> keywordToLabel) {
        return new TinyTransformer(labels, keywordToLabel, false, false, false, null, ModelFolder.FULL_PRECISION, 0);
    }

    /** Writes a single-label model folder with int64 inputs input_ids and attention_mask; returns {@code folder}. */
    public static Path write(Path folder, List<String> labels, Map<String, String> keywordToLabel) {
        return of(labels, keywordToLabel).writeTo(folder);
    }

    public TinyTransformer asMultiLabel() {
        return new TinyTransformer(labels, keywords, true, tokenTypeIds, int32Inputs, extraInput, modelFile,
                fixedSequence);
    }

    public TinyTransformer withTokenTypeIds() {
        return new TinyTransformer(labels, keywords, multiLabel, true, int32Inputs, extraInput, modelFile,
                fixedSequence);
    }

    public TinyTransformer withInt32Inputs() {
        return new TinyTransformer(labels, keywords, multiLabel, tokenTypeIds, true, extraInput, modelFile,
                fixedSequence);
    }

    public TinyTransformer withExtraInput(String name) {
        return new TinyTransformer(labels, keywords, multiLabel, tokenTypeIds, int32Inputs, name, modelFile,
                fixedSequence);
    }

    public TinyTransformer withModelFile(String name) {
        return new TinyTransformer(labels, keywords, multiLabel, tokenTypeIds, int32Inputs, extraInput, name,
                fixedSequence);
    }

    public TinyTransformer withFixedSequence(int length) {
        return new TinyTransformer(labels, keywords, multiLabel, tokenTypeIds, int32Inputs, extraInput, modelFile,
                length);
    }

    /** The vocabulary in id order: special tokens, the keywords, then {@link #FILLER}. */
    public List<String> vocabulary() {
        List<String> vocabulary = new ArrayList<>(SPECIAL);
        keywords.keySet().stream().sorted().forEach(vocabulary::add);
        vocabulary.addAll(FILLER);
        return vocabulary;
    }

    public Path writeTo(Path folder) {
        try {
            Files.createDirectories(folder);
            Files.write(folder.resolve(modelFile), onnx());
            Files.writeString(folder.resolve(ModelFolder.TOKENIZER), tokenizerJson());
            Files.writeString(folder.resolve(ModelFolder.CONFIG), configJson());
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String configJson() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architectures", List.of("TinyForSequenceClassification"));
        Map<String, String> id2label = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            id2label.put(String.valueOf(i), labels.get(i));
        }
        config.put("id2label", id2label);
        config.put("max_position_embeddings", 512);
        config.put("pad_token_id", 0);
        if (multiLabel) {
            config.put("problem_type", "multi_label_classification");
        }
        return json(config);
    }

    public String tokenizerJson() {
        List<String> vocabulary = vocabulary();
        Map<String, Integer> vocab = new LinkedHashMap<>();
        vocabulary.forEach(token -> vocab.put(token, vocab.size()));
        List<Map<String, Object>> added = new ArrayList<>();
        for (String special : SPECIAL) {
            added.add(Map.of("id", vocab.get(special), "content", special, "single_word", false, "lstrip", false,
                    "rstrip", false, "normalized", false, "special", true));
        }
        Map<String, Object> tokenizer = new LinkedHashMap<>();
        tokenizer.put("version", "1.0");
        tokenizer.put("truncation", null);
        tokenizer.put("padding", null);
        tokenizer.put("added_tokens", added);
        tokenizer.put("normalizer", Map.of("type", "BertNormalizer", "clean_text", true,
                "handle_chinese_chars", true, "lowercase", true));
        tokenizer.put("pre_tokenizer", Map.of("type", "BertPreTokenizer"));
        tokenizer.put("post_processor", Map.of("type", "TemplateProcessing",
                "single", List.of(special("[CLS]", 0), sequence("A", 0), special("[SEP]", 0)),
                "pair", List.of(special("[CLS]", 0), sequence("A", 0), special("[SEP]", 0),
                        sequence("B", 1), special("[SEP]", 1)),
                "special_tokens", Map.of(
                        "[CLS]", Map.of("id", "[CLS]", "ids", List.of(vocab.get("[CLS]")), "tokens", List.of("[CLS]")),
                        "[SEP]", Map.of("id", "[SEP]", "ids", List.of(vocab.get("[SEP]")), "tokens",
                List.of("[SEP]")))));
        tokenizer.put("decoder", Map.of("type", "WordPiece", "prefix", "##", "cleanup", true));
        tokenizer.put("model", Map.of("type", "WordPiece", "unk_token", "[UNK]", "continuing_subword_prefix", "##",
                "max_input_chars_per_word", 100, "vocab", vocab));
        return json(tokenizer);
    }

    public byte[] onnx() {
        List<String> vocabulary = vocabulary();
        int width = labels.size();
        float[] embeddings = new float[vocabulary.size() * width];
        keywords.forEach((word, label) -> embeddings[vocabulary.indexOf(word) * width + labels.indexOf(label)] = 1f);
        float[] weights = new float[width * width];
        for (int i = 0; i < width; i++) {
            weights[i * width + i] = STRENGTH;
        }
        float[] bias = new float[width];
        Arrays.fill(bias, BIAS);
        TensorProto.DataType tokenType = int32Inputs ? TensorProto.DataType.INT32 : TensorProto.DataType.INT64;
        Object sequence = fixedSequence > 0 ? fixedSequence : SEQUENCE;

        GraphProto.Builder graph = GraphProto.newBuilder().setName("tiny-transformer")
                .addInput(tensorInfo("input_ids", tokenType, BATCH, sequence))
                .addInput(tensorInfo("attention_mask", tokenType, BATCH, sequence))
                .addInitializer(floatTensor("embeddings", embeddings, vocabulary.size(), width))
                .addInitializer(floatTensor("weights", weights, width, width))
                .addInitializer(floatTensor("bias", bias, width))
                .addInitializer(int64Tensor("mask_axes", 2))
                .addInitializer(int64Tensor("token_axis", 1))
                .addNode(node("Gather", List.of("embeddings", "input_ids"), "token_vectors"));
        String tokens = "token_vectors";
        if (tokenTypeIds) {
            float[] typeEmbeddings = new float[2 * width];
            // Type 0 is every token of a single text: the mean then shifts by exactly this row.
            typeEmbeddings[width - 1] = TOKEN_TYPE_NUDGE / STRENGTH;
            graph.addInput(tensorInfo("token_type_ids", tokenType, BATCH, sequence))
                    .addInitializer(floatTensor("token_type_embeddings", typeEmbeddings, 2, width))
                    .addNode(node("Gather", List.of("token_type_embeddings", "token_type_ids"), "type_vectors"))
                    .addNode(node("Add", List.of("token_vectors", "type_vectors"), "typed_vectors"));
            tokens = "typed_vectors";
        }
        if (extraInput != null) {
            graph.addInput(tensorInfo(extraInput, tokenType, BATCH, sequence));
        }
        graph.addNode(node("Cast", List.of("attention_mask"), "mask",
                        intAttribute("to", TensorProto.DataType.FLOAT_VALUE)))
                .addNode(node("Unsqueeze", List.of("mask", "mask_axes"), "mask_column"))
                .addNode(node("Mul", List.of(tokens, "mask_column"), "masked"))
                .addNode(node("ReduceSum", List.of("masked", "token_axis"), "summed", intAttribute("keepdims", 0)))
                .addNode(node("ReduceSum", List.of("mask_column", "token_axis"), "counted", intAttribute("keepdims",
                0)))
                .addNode(node("Div", List.of("summed", "counted"), "pooled"))
                .addNode(node("MatMul", List.of("pooled", "weights"), "scores"))
                .addNode(node("Add", List.of("scores", "bias"), "logits"))
                .addOutput(tensorInfo("logits", TensorProto.DataType.FLOAT, BATCH, width));
        return ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("ticket-triage-tests")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setGraph(graph)
                .build()
                .toByteArray();
    }

    private static Map<String, Object> special(String id, int typeId) {
        return Map.of("SpecialToken", Map.of("id", id, "type_id", typeId));
    }

    private static Map<String, Object> sequence(String id, int typeId) {
        return Map.of("Sequence", Map.of("id", id, "type_id", typeId));
    }

    private static String json(Object value) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }





}
