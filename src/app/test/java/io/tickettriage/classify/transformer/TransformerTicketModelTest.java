package io.tickettriage.classify.transformer;

import static io.tickettriage.classify.transformer.TinyTransformer.BIAS;
import static io.tickettriage.classify.transformer.TinyTransformer.STRENGTH;
import static io.tickettriage.classify.transformer.TinyTransformer.TOKEN_TYPE_NUDGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import io.tickettriage.classify.Classification;
import io.tickettriage.classify.HeadPrediction;
import io.tickettriage.classify.HeadSpec;
import io.tickettriage.classify.ScoredLabel;
import io.tickettriage.classify.TicketText;
import io.tickettriage.classify.TicketTextTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny model of the exported shape, built in the test, through the real loading code: its probabilities are known
 * in closed form (see {@link TinyTransformer}), so the assertions check exact numbers, not just the winning label.
 */
class TransformerTicketModelTest {

    static final List<String> QUEUES = List.of("billing", "account-access", "general");
    static final Map<String, String> KEYWORDS = Map.of("invoice", "billing", "refund", "billing",
            "password", "account-access", "login", "account-access");
    private static final double EPSILON = 1e-5;

    @TempDir
    static Path temp;
    private static TransformerTicketModel queue;

    @BeforeAll
    static void loadQueueModel() {
        queue = TransformerTicketModel.load(TinyTransformer.write(temp.resolve("queue"), QUEUES, KEYWORDS), "queue",
                TransformerOptions.defaults());
    }

    @AfterAll
    static void close() {
        queue.close();
    }

    @Test
    void servesOneHeadWithTheLabelsOfId2label() {
        assertEquals(List.of(new HeadSpec("queue", QUEUES, "logits", false)), queue.heads());
        assertEquals("queue", queue.name());
        assertTrue(queue.source().endsWith("model.onnx"), queue.source());
        assertEquals(512, queue.maxLength());
        assertEquals(TransformerOptions.DEFAULT_TEMPLATE, queue.textTemplate());
    }

    @Test
    void keywordsPushTheirQueue() {
        List<Classification> results = queue.classifyAll(List.of(
                new TicketText("Invoice wrong", "please help"),
                new TicketText("Cannot log in", "I need a new password, please."),
                new TicketText("Hello", "thanks")));
        // "invoice wrong please help": [CLS] invoice [UNK] please help [SEP], one billing keyword in 6 tokens.
        assertTop(results.get(0), "billing", softmax(STRENGTH / 6 + BIAS, BIAS, BIAS));
        // [CLS] [UNK] log in i need a new password , please . [SEP]: one account-access keyword in 13 tokens
        // ("log" and "in" are not in the vocabulary; "login" is one word).
        assertTop(results.get(1), "account-access", softmax(STRENGTH / 13 + BIAS, BIAS, BIAS));
        // No keyword: every label 1/3, the tie going to the first label.
        HeadPrediction neutral = results.get(2).head("queue");
        assertEquals("billing", neutral.label());
        neutral.top().forEach(s -> assertEquals(1.0 / 3, s.confidence(), EPSILON));
        assertEquals(3, neutral.top().size());
    }

    @Test
    void theTextTemplateDecidesWhatTheModelReads() {
        TicketText ticket = new TicketText("invoice", "hello");
        try (TransformerTicketModel bodyOnly = TransformerTicketModel.load(temp.resolve("queue"), "queue",
                TransformerOptions.defaults().withTextTemplate(new TicketTextTemplate("{body}")))) {
            assertEquals(1.0 / 3, bodyOnly.classify(ticket).head("queue").confidence(), EPSILON);
        }
        // [CLS] invoice hello [SEP]
        assertTop(queue.classify(ticket), "billing", softmax(STRENGTH / 4 + BIAS, BIAS, BIAS));
    }

    @Test
    void multiLabelModelsGiveAnIndependentSigmoidPerLabel(@TempDir Path folder) {
        List<String> tags = List.of("billing", "account-access", "urgent");
        TinyTransformer.of(tags, Map.of("invoice", "billing", "password", "account-access")).asMultiLabel()
                .writeTo(folder);
        try (TransformerTicketModel model = TransformerTicketModel.load(folder, "tags", TransformerOptions.defaults())) {
            assertTrue(model.head().multiLabel());
            // [CLS] invoice password [SEP]: both keywords reach logit 12/4 - 1 = 2, "urgent" stays at the bias.
            List<ScoredLabel> top = model.classify(new TicketText("invoice password", "")).head("tags").top();
            assertEquals(List.of("billing", "account-access", "urgent"), top.stream().map(ScoredLabel::label).toList());
            assertEquals(sigmoid(STRENGTH / 4 + BIAS), top.get(0).confidence(), EPSILON);
            assertEquals(sigmoid(STRENGTH / 4 + BIAS), top.get(1).confidence(), EPSILON);
            assertEquals(sigmoid(BIAS), top.get(2).confidence(), EPSILON);
        }
    }

    @Test
    void aModelThatDeclaresTokenTypeIdsGetsThem(@TempDir Path folder) throws Exception {
        TinyTransformer.of(QUEUES, KEYWORDS).withTokenTypeIds().writeTo(folder);
        List<TicketText> hello = List.of(new TicketText("hello", ""));
        try (TransformerTicketModel model = TransformerTicketModel.load(folder, "queue", TransformerOptions.defaults())) {
            assertEquals(List.of("input_ids", "attention_mask", "token_type_ids"), inputNames(model, hello));
            // Token type 0 on every token nudges the last label; without the input the run would fail.
            assertTop(model.classify(hello.get(0)), "general", softmax(BIAS + TOKEN_TYPE_NUDGE, BIAS, BIAS));
        }
        assertEquals(List.of("input_ids", "attention_mask"), inputNames(queue, hello));
    }

    @Test
    void int32TokenInputsAreFedAsInt32(@TempDir Path folder) {
        TinyTransformer.of(QUEUES, KEYWORDS).withInt32Inputs().writeTo(folder);
        try (TransformerTicketModel model = TransformerTicketModel.load(folder, "queue", TransformerOptions.defaults())) {
            TicketText ticket = new TicketText("refund", "please");
            assertEquals(queue.classify(ticket), model.classify(ticket));
        }
    }

    @Test
    void paddingInABatchDoesNotChangeATicketsResult() {
        TicketText shortTicket = new TicketText("invoice", "login please");
        TicketText longTicket = new TicketText("hello", "my password is not working again. ".repeat(60));
        Classification alone = queue.classify(shortTicket);
        Classification padded = queue.classifyAll(List.of(longTicket, shortTicket)).get(1);
        List<ScoredLabel> expected = alone.head("queue").top();
        List<ScoredLabel> actual = padded.head("queue").top();
        assertEquals(expected.stream().map(ScoredLabel::label).toList(),
                actual.stream().map(ScoredLabel::label).toList());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).confidence(), actual.get(i).confidence(), EPSILON);
        }
    }

    @Test
    void microBatchesSortedByLengthComeBackInTheCallersOrder(@TempDir Path folder) {
        TinyTransformer.write(folder, QUEUES, KEYWORDS);
        List<TicketText> tickets = List.of(
                new TicketText("invoice", "hello ".repeat(40)),
                new TicketText("password", ""),
                new TicketText("thanks", "the refund please"),
                new TicketText("login", "hello ".repeat(90)),
                new TicketText("hello", ""));
        try (TransformerTicketModel model = TransformerTicketModel.load(folder, "queue",
                TransformerOptions.defaults().withBatchSize(2))) {
            assertEquals(3, model.encode(tickets).size());
            List<Classification> results = model.classifyAll(tickets);
            assertEquals(List.of("billing", "account-access", "billing", "account-access", "billing"),
                    results.stream().map(r -> r.head("queue").label()).toList());
            assertEquals(1.0 / 3, results.get(4).head("queue").confidence(), EPSILON);
        }
        assertEquals(List.of(), queue.classifyAll(List.of()));
    }

    @Test
    void aTenThousandWordTicketIsTruncatedToTheModelsLimit() {
        String words = "hello ".repeat(10_000);
        // Kept: [CLS] invoice + 509 × hello + [SEP] = 512 tokens, one keyword among them.
        assertTop(queue.classify(new TicketText("invoice", words)), "billing",
                softmax(STRENGTH / 512 + BIAS, BIAS, BIAS));
        // A keyword beyond the limit is never seen.
        assertEquals(1.0 / 3, queue.classify(new TicketText("hello", words + "invoice")).head("queue").confidence(),
                EPSILON);
    }

    @Test
    void aHugeTicketGetsTheResultOfItsBeginning() {
        String words = "password hello invoice thanks ".repeat(1_000);
        TicketText first = new TicketText("hello", words);
        TicketText huge = new TicketText("hello", words.repeat(50)); // 1.5 MB
        List<ScoredLabel> expected = queue.classify(first).head("queue").top();
        List<ScoredLabel> actual = queue.classify(huge).head("queue").top();
        assertEquals(expected, actual);
    }

    @Test
    void theSmallestLengthLimitWins(@TempDir Path folder) throws Exception {
        TinyTransformer.write(folder, QUEUES, KEYWORDS);
        String ticket = "hello ".repeat(30) + "invoice";
        try (TransformerTicketModel model = TransformerTicketModel.load(folder, "queue",
                TransformerOptions.defaults().withMaxLength(16))) {
            assertEquals(16, model.maxLength());
            assertEquals(1.0 / 3, model.classify(new TicketText("", ticket)).head("queue").confidence(), EPSILON);
        }
        Files.writeString(folder.resolve("config.json"), TinyTransformer.of(QUEUES, KEYWORDS)
                .configJson().replace("\"max_position_embeddings\" : 512", "\"max_position_embeddings\" : 64"));
        // Hugging Face's "no limit" marker, int(1e30), means exactly that.
        Files.writeString(folder.resolve("tokenizer_config.json"),
                "{\"model_max_length\": 1000000000000000019884624838656}");
        try (TransformerTicketModel model = TransformerTicketModel.load(folder, "queue", TransformerOptions.defaults())) {
            assertEquals(64, model.maxLength());
        }
        Files.writeString(folder.resolve("tokenizer_config.json"), "{\"model_max_length\": 24}");
        try (TransformerTicketModel model = TransformerTicketModel.load(folder, "queue", TransformerOptions.defaults())) {
            assertEquals(24, model.maxLength());
            assertEquals(1.0 / 3, model.classify(new TicketText("", ticket)).head("queue").confidence(), EPSILON);
        }
    }

    @Test
    void theQuantizedFileIsPreferredUnlessTheOptionsNameOne(@TempDir Path folder) {
        TinyTransformer.write(folder, QUEUES, KEYWORDS);
        TinyTransformer.of(QUEUES, KEYWORDS).withModelFile("model_quantized.onnx").writeTo(folder);
        try (TransformerTicketModel model = TransformerTicketModel.load(folder, "queue", TransformerOptions.defaults())) {
            assertTrue(model.source().endsWith("model_quantized.onnx"), model.source());
        }
        try (TransformerTicketModel model = TransformerTicketModel.load(folder, "queue",
                TransformerOptions.defaults().withModelFile("model.onnx"))) {
            assertTrue(model.source().endsWith("/model.onnx"), model.source());
        }
    }

    @Test
    void oneModelServesManyThreads() throws Exception {
        List<TicketText> tickets = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            tickets.add(new TicketText(i % 2 == 0 ? "invoice" : "password", "hello ".repeat(i)));
        }
        List<Classification> expected = queue.classifyAll(tickets);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Classification>>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> queue.classifyAll(tickets)));
            }
            for (Future<List<Classification>> run : runs) {
                assertEquals(expected, run.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClosedModelRefusesWorkAndClosesOnce(@TempDir Path folder) {
        TransformerTicketModel model = TransformerTicketModel.load(TinyTransformer.write(folder, QUEUES, KEYWORDS),
                "queue", TransformerOptions.defaults());
        model.close();
        model.close();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> model.classify(new TicketText("invoice", "")));
        assertTrue(e.getMessage().contains("is closed"), e.getMessage());
    }

    @Test
    void theTokenizerRunsOfflineWithItsLibraryOutsideTheHomeDirectory() {
        assertEquals("true", System.getProperty("ai.djl.offline"));
        Path cache = Path.of(System.getenv().getOrDefault("ENGINE_CACHE_DIR", System.getProperty("ENGINE_CACHE_DIR")));
        assertTrue(Files.isDirectory(cache.resolve("tokenizers")), cache + " has no tokenizers/");
        assertFalse(cache.toAbsolutePath().startsWith(Path.of(System.getProperty("user.home"))), cache.toString());
    }

    private static List<String> inputNames(TransformerTicketModel model, List<TicketText> tickets) throws Exception {
        Map<String, OnnxTensor> tensors = model.inputTensors(model.encode(tickets).get(0));
        try {
            return List.copyOf(tensors.keySet());
        } finally {
            OnnxValue.close(tensors);
        }
    }

    private static void assertTop(Classification result, String label, double confidence) {
        HeadPrediction prediction = result.head("queue");
        assertEquals(label, prediction.label(), prediction.toString());
        assertEquals(confidence, prediction.confidence(), EPSILON, prediction.toString());
        assertEquals(1.0, prediction.top().stream().mapToDouble(ScoredLabel::confidence).sum(), EPSILON);
    }

    private static double softmax(double target, double... others) {
        double sum = Math.exp(target);
        for (double other : others) {
            sum += Math.exp(other);
        }
        return Math.exp(target) / sum;
    }

    private static double sigmoid(double logit) {
        return 1 / (1 + Math.exp(-logit));
    }
}
