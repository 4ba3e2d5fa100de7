package io.tickettriage.classify.transformer;

import static io.tickettriage.classify.transformer.ModelFolder.problem;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.tickettriage.classify.TicketText;
import io.tickettriage.classify.TicketTextTemplate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Tickets to padded micro-batches: render each ticket through the template, tokenize with the model's own
 * {@code tokenizer.json} (truncating to the model's limit), sort by length so tickets of similar length share a
 * batch, and pad each batch only to its longest ticket. Thread-safe, like the tokenizer it wraps.
 */
final class TicketEncoder implements AutoCloseable {

    /**
     * Non-blank characters kept per token of the limit before tokenizing. Tokenizing costs time per character (a
     * 50 KB e-mail thread takes longer than running the model on it), but only the first tokens are used. Every
     * tokenizer spends far fewer characters per token (English WordPiece about 4, Chinese 1), so the tokens the model
     * sees are the same.
     */
    private static final int CHARACTERS_PER_TOKEN = 16;

    private final HuggingFaceTokenizer tokenizer;
    private final TicketTextTemplate template;
    private final int batchSize;
    private final long padTokenId;
    private final int maxCharacters;

    private TicketEncoder(HuggingFaceTokenizer tokenizer, TicketTextTemplate template, int batchSize, long padTokenId,
                          int maxLength) {
        this.tokenizer = tokenizer;
        this.template = template;
        this.batchSize = batchSize;
        this.padTokenId = padTokenId;
        this.maxCharacters = maxLength * CHARACTERS_PER_TOKEN;
    }

    static TicketEncoder open(ModelFolder folder, TransformerOptions options) {
        TokenizerNatives.prepare(options.nativeCacheDir());
        String limit = String.valueOf(folder.maxLength());
        // Padding is ours (per micro-batch, after sorting); modelMaxLength set too, or DJL warns that it caps
        // maxLength at its own default of 512.
        Map<String, String> settings = Map.of("addSpecialTokens", "true", "truncation", "true", "padding", "false",
                "maxLength", limit, "modelMaxLength", limit);
        try {
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(folder.tokenizerFile(), settings);
            return new TicketEncoder(tokenizer, options.textTemplate(), options.batchSize(), folder.padTokenId(),
                    folder.maxLength());
        } catch (IOException | RuntimeException e) {
            throw problem(folder.folder(), "has a " + ModelFolder.TOKENIZER + " the Hugging Face tokenizers library"
                    + " cannot load: " + e.getMessage());
        }
    }

    TicketTextTemplate template() {
        return template;
    }

    List<PaddedBatch> encode(List<TicketText> tickets) {
        if (tickets.isEmpty()) {
            return List.of();
        }
        Encoding[] encodings = tokenizer.batchEncode(tickets.stream()
                .map(ticket -> beginning(template.render(ticket))).toArray(String[]::new));
        List<PaddedBatch.Tokens> tokens = Arrays.stream(encodings)
                .map(e -> new PaddedBatch.Tokens(e.getIds(), e.getTypeIds())).toList();
        int[] byLength = IntStream.range(0, tokens.size()).boxed()
                .sorted(Comparator.comparingInt(i -> tokens.get(i).length()))
                .mapToInt(Integer::intValue).toArray();
        List<PaddedBatch> batches = new ArrayList<>();
        for (int from = 0; from < byLength.length; from += batchSize) {
            int[] rows = Arrays.copyOfRange(byLength, from, Math.min(byLength.length, from + batchSize));
            batches.add(PaddedBatch.of(tokens, rows, padTokenId));
        }
        return batches;
    }

    /** The text up to its {@link #maxCharacters}-th non-blank character. */
    private String beginning(String text) {
        int kept = 0;
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i)) && ++kept > maxCharacters) {
                return text.substring(0, i);
            }
        }
        return text;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
