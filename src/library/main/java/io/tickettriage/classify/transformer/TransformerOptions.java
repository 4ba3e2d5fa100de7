package io.tickettriage.classify.transformer;

import io.tickettriage.classify.TicketTextTemplate;
import java.nio.file.Path;

/**
 * How a {@link TransformerTicketModel} is loaded and run. Start from {@link #defaults()} and change what differs.
 *
 * @param modelFile      the ONNX file inside the folder; null picks {@value ModelFolder#QUANTIZED} if present,
 *                       else {@value ModelFolder#FULL_PRECISION}
 * @param textTemplate   how a ticket becomes the model's input text; must match how the model was fine-tuned
 * @param maxLength      an upper bound on tokens per ticket; the model's own limits and {@value #MAX_TOKENS} also
 *                       apply, the smallest wins
 * @param batchSize      tickets per ONNX Runtime call
 * @param intraOpThreads ONNX Runtime threads per call
 * @param nativeCacheDir where the tokenizer's native library is unpacked, unless {@code ENGINE_CACHE_DIR} or
 *                       {@code DJL_CACHE_DIR} is set in the environment or as a system property; the folder must
 *                       be writable by this user only
 */
public record TransformerOptions(String modelFile, TicketTextTemplate textTemplate, int maxLength, int batchSize,
                                 int intraOpThreads, Path nativeCacheDir) {

    /** BERT-family position tables end here; longer inputs also cost quadratic attention time for little gain. */
    public static final int MAX_TOKENS = 512;
    /** Room for the special tokens ([CLS], [SEP], …) and a few words. */
    public static final int MIN_TOKENS = 8;
    public static final TicketTextTemplate DEFAULT_TEMPLATE = new TicketTextTemplate("{subject}\n{body}");
    /**
     * On a few cores larger batches barely raise throughput (inference is compute-bound), while padding waste and
     * peak memory grow with them.
     */
    public static final int DEFAULT_BATCH_SIZE = 16;

    public TransformerOptions {
        if (modelFile != null && (modelFile.isBlank() || Path.of(modelFile).getNameCount() != 1)) {
            throw new IllegalArgumentException("modelFile must be a file name inside the model folder, not '"
                    + modelFile + "'");
        }
        if (textTemplate == null) {
            throw new IllegalArgumentException("textTemplate is required");
        }
        if (maxLength < MIN_TOKENS) {
            throw new IllegalArgumentException("maxLength must be at least " + MIN_TOKENS + " tokens, not " + maxLength);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, not " + batchSize);
        }
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads must be at least 1, not " + intraOpThreads);
        }
        if (nativeCacheDir == null) {
            throw new IllegalArgumentException("nativeCacheDir is required");
        }
    }

    /**
     * The model file chosen by the folder, {@code "{subject}\n{body}"}, up to 512 tokens, batches of
     * {@value #DEFAULT_BATCH_SIZE}, one thread per core, and the native cache in a per-user folder under
     * {@code java.io.tmpdir} (never the home directory, which a service account may not have).
     */
    public static TransformerOptions defaults() {
        return new TransformerOptions(null, DEFAULT_TEMPLATE, MAX_TOKENS, DEFAULT_BATCH_SIZE,
                Runtime.getRuntime().availableProcessors(),
                // Directly in the temp folder: its sticky bit stops other users renaming or replacing ours.
                Path.of(System.getProperty("java.io.tmpdir"), "ticket-triage-djl-" + System.getProperty("user.name")));
    }

    public TransformerOptions withModelFile(String file) {
        return new TransformerOptions(file, textTemplate, maxLength, batchSize, intraOpThreads, nativeCacheDir);
    }

    public TransformerOptions withTextTemplate(TicketTextTemplate template) {
        return new TransformerOptions(modelFile, template, maxLength, batchSize, intraOpThreads, nativeCacheDir);
    }

    public TransformerOptions withMaxLength(int tokens) {
        return new TransformerOptions(modelFile, textTemplate, tokens, batchSize, intraOpThreads, nativeCacheDir);
    }

    public TransformerOptions withBatchSize(int tickets) {
        return new TransformerOptions(modelFile, textTemplate, maxLength, tickets, intraOpThreads, nativeCacheDir);
    }

    public TransformerOptions withIntraOpThreads(int threads) {
        return new TransformerOptions(modelFile, textTemplate, maxLength, batchSize, threads, nativeCacheDir);
    }

    public TransformerOptions withNativeCacheDir(Path directory) {
        return new TransformerOptions(modelFile, textTemplate, maxLength, batchSize, intraOpThreads, directory);
    }
}
