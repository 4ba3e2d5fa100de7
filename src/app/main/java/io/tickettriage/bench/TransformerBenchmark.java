package io.tickettriage.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.tickettriage.classify.TicketText;
import io.tickettriage.classify.transformer.PaddedBatch;
import io.tickettriage.classify.transformer.TransformerOptions;
import io.tickettriage.classify.transformer.TransformerTicketModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.IntSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code java -cp target/ticket-triage.jar io.tickettriage.bench.TransformerBenchmark <model folder>}: throughput of
 * a transformer model through {@code TicketModel.classifyAll} (template, tokenizer, sorting, padding, tensors, run,
 * probabilities, top 3) against a bare ONNX Runtime loop that runs the very same padded micro-batches, prepared
 * beforehand, on a session with the same settings. Both in one run, alternating in short rounds, so a noisy
 * machine hits both alike; each reports the median round after warm-up.
 *
 * <p>Tickets are generated help-desk English, long enough that every one fills the sequence length: the
 * measurement is at a known shape. Not a test: numbers depend on the machine.
 */
@Command(name = "TransformerBenchmark", mixinStandardHelpOptions = true,
        description = "Tickets/s of a transformer model folder: ticket-triage's classifyAll vs bare ONNX Runtime.")
public final class TransformerBenchmark implements Callable<Integer> {

    @Parameters(paramLabel = "FOLDER", description = "model folder (model[_quantized].onnx, tokenizer.json, config.json)")
    private Path folder;

    @Option(names = "--model-file", description = "ONNX file in the folder (default: the quantized one if present)")
    private String modelFile;

    @Option(names = "--seq", description = "tokens per ticket (default: ${DEFAULT-VALUE})")
    private int sequence = 128;

    @Option(names = "--batch", description = "tickets per ONNX Runtime call (default: ${DEFAULT-VALUE})")
    private int batch = TransformerOptions.DEFAULT_BATCH_SIZE;

    @Option(names = "--threads", description = "ONNX Runtime intra-op threads (default: all cores)")
    private int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--tickets", description = "tickets per round (default: ${DEFAULT-VALUE})")
    private int tickets = 128;

    @Option(names = "--rounds", description = "measured rounds after one warm-up round (default: ${DEFAULT-VALUE})")
    private int rounds = 11;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TransformerBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws OrtException, IOException {
        TransformerOptions options = TransformerOptions.defaults().withModelFile(modelFile).withMaxLength(sequence)
                .withBatchSize(batch).withIntraOpThreads(threads);
        List<TicketText> texts = HelpDeskEnglish.tickets(tickets, sequence);
        try (TransformerTicketModel model = TransformerTicketModel.load(folder, "queue", options);
             OrtSession bare = TransformerTicketModel.openSession(model.modelFile(), options)) {
            List<PaddedBatch> batches = model.encode(texts);
            List<Map<String, OnnxTensor>> inputs = new ArrayList<>();
            for (PaddedBatch b : batches) {
                inputs.add(model.inputTensors(b));
            }
            try {
                long tokens = batches.stream().mapToLong(PaddedBatch::realTokens).sum();
                long padded = batches.stream().mapToLong(b -> (long) b.rows().length * b.width()).sum();
                System.out.printf("transformer benchmark: %d cores, Java %s, ONNX Runtime threads %d%n",
                        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), threads);
                System.out.printf("model %s (%.1f MB), %d labels%n", model.modelFile(),
                        Files.size(model.modelFile()) / 1e6, model.head().labels().size());
                System.out.printf("%d tickets per round in %d batches of up to %d; %.1f tokens per ticket"
                                + " (limit %d), padding %.1f%%; median of %d rounds after warm-up%n",
                        texts.size(), batches.size(), batch, (double) tokens / texts.size(), model.maxLength(),
                        100.0 * (padded - tokens) / padded, rounds);
                IntSupplier ours = () -> model.classifyAll(texts).size();
                IntSupplier bareRun = () -> runAll(bare, inputs);
                IntSupplier encodeOnly = () -> model.encode(texts).size();
                ours.getAsInt();
                bareRun.getAsInt();
                encodeOnly.getAsInt();
                List<Double> oursSeconds = new ArrayList<>();
                List<Double> bareSeconds = new ArrayList<>();
                List<Double> encodeSeconds = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    oursSeconds.add(seconds(ours));
                    bareSeconds.add(seconds(bareRun));
                    encodeSeconds.add(seconds(encodeOnly));
                }
                double oursMedian = median(oursSeconds);
                double bareMedian = median(bareSeconds);
                double encodeMedian = median(encodeSeconds);
                System.out.printf("  classifyAll (ticket-triage)          %8.1f tickets/s  (%.2f ms/ticket)%n",
                        texts.size() / oursMedian, 1000 * oursMedian / texts.size());
                System.out.printf("  bare OrtSession.run, same batches    %8.1f tickets/s  (%.2f ms/ticket)%n",
                        texts.size() / bareMedian, 1000 * bareMedian / texts.size());
                System.out.printf("  of which tokenize, sort and pad      %8.1f tickets/s  (%.2f ms/ticket)%n",
                        texts.size() / encodeMedian, 1000 * encodeMedian / texts.size());
                // The ratio is taken within each round, whose two halves ran back to back on the same machine, so
                // neighbours' load spoils fewer pairs than it spoils the two medians; the spread shows the noise.
                List<Double> paired = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    paired.add(oursSeconds.get(r) / bareSeconds.get(r));
                }
                System.out.printf("  overhead ratio, ours/bare time       %8.3f  (median of rounds; %.3f to %.3f)%n",
                        median(paired), paired.stream().min(Double::compare).orElseThrow(),
                        paired.stream().max(Double::compare).orElseThrow());
            } finally {
                inputs.forEach(OnnxValue::close);
            }
        }
        return 0;
    }

    private static int runAll(OrtSession session, List<Map<String, OnnxTensor>> inputs) {
        int rows = 0;
        try {
            for (Map<String, OnnxTensor> input : inputs) {
                try (OrtSession.Result ignored = session.run(input)) {
                    rows += (int) input.values().iterator().next().getInfo().getShape()[0];
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    private static double seconds(IntSupplier round) {
        long start = System.nanoTime();
        round.getAsInt();
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** Plausible help-desk tickets from a fixed seed: the same text every run, long enough to fill a sequence. */
    static final class HelpDeskEnglish {

        private static final List<String> SUBJECTS = List.of("Cannot log in to the portal",
                "Invoice shows the wrong amount", "Order has not arrived", "Refund for a returned item",
                "Password reset link expired", "Export to CSV fails", "Question about the enterprise plan",
                "App crashes when uploading photos", "Charged twice this month", "Need to change delivery address");
        private static final List<String> SENTENCES = List.of(
                "Since yesterday morning I have not been able to sign in to my account.",
                "The error message says that my session has expired, even right after I log in.",
                "Our finance team noticed that the latest invoice lists twelve seats instead of eight.",
                "I placed the order two weeks ago and the tracking page still shows it as processing.",
                "We returned the package last Tuesday and have not received the refund yet.",
                "The password reset email arrives, but the link says it is no longer valid.",
                "When I export the monthly report to CSV the download stops halfway through.",
                "Could you tell me whether the enterprise plan includes single sign-on and audit logs?",
                "The mobile app closes without any warning as soon as I attach a photo.",
                "My credit card statement shows the same subscription charge twice this month.",
                "Please update the delivery address to our new office before the parcel ships.",
                "I already cleared the browser cache and tried a different computer.",
                "This is blocking three people on our team, so a quick answer would help a lot.",
                "Attached you will find a screenshot of the page and the exact time it happened.",
                "We are a customer since twenty nineteen and never had this problem before.",
                "If you need more details about our account or the order number, just let me know.");

        private HelpDeskEnglish() {
        }

        static List<TicketText> tickets(int count, int sequence) {
            Random random = new Random(20261120L);
            List<TicketText> tickets = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                StringBuilder body = new StringBuilder("Hello support team,");
                // At least as many words as tokens, so every ticket is cut at the sequence length.
                while (body.toString().split("\\s+").length < sequence + 16) {
                    body.append(' ').append(SENTENCES.get(random.nextInt(SENTENCES.size())));
                }
                body.append(" Thanks, Alex");
                tickets.add(new TicketText(SUBJECTS.get(random.nextInt(SUBJECTS.size())), body.toString()));
            }
            return tickets;
        }
    }
}
