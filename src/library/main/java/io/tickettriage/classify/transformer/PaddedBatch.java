package io.tickettriage.classify.transformer;

import java.util.Arrays;
import java.util.List;

/**
 * One micro-batch of tokenized tickets, padded only to its own longest ticket. Row-major {@code [rows, width]}
 * arrays, ready for tensors; padding has attention mask 0 so the model ignores it.
 *
 * @param rows where each row's ticket sits in the caller's list, so results can be put back in order
 */
public record PaddedBatch(int[] rows, int width, long[] inputIds, long[] attentionMask, long[] tokenTypeIds) {

    /** One ticket's tokens, unpadded. */
    record Tokens(long[] ids, long[] typeIds) {

        int length() {
            return ids.length;
        }
    }

    /** Pads {@code tokens[rows[i]]} into row {@code i}. */
    static PaddedBatch of(List<Tokens> tokens, int[] rows, long padTokenId) {
        int width = Arrays.stream(rows).map(r -> tokens.get(r).length()).max().orElse(0);
        long[] ids = new long[rows.length * width];
        long[] mask = new long[ids.length];
        long[] types = new long[ids.length];
        Arrays.fill(ids, padTokenId);
        for (int row = 0; row < rows.length; row++) {
            Tokens t = tokens.get(rows[row]);
            System.arraycopy(t.ids(), 0, ids, row * width, t.length());
            System.arraycopy(t.typeIds(), 0, types, row * width, t.length());
            Arrays.fill(mask, row * width, row * width + t.length(), 1L);
        }
        return new PaddedBatch(rows.clone(), width, ids, mask, types);
    }

    long[] shape() {
        return new long[] {rows.length, width};
    }

    /** Tokens the model reads, padding excluded. */
    public long realTokens() {
        return Arrays.stream(attentionMask).sum();
    }
}
