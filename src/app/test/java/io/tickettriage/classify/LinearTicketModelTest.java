package io.tickettriage.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import io.tickettriage.model.BundledModel;
import io.tickettriage.model.CorpusTicket;
import io.tickettriage.model.DemoCorpus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LinearTicketModelTest {

    @Test
    void aLargeBatchCutIntoMicroBatchesAnswersLikeOneTicketAtATimeInTheSameOrder() {
        List<String> texts = new ArrayList<>();
        for (CorpusTicket ticket : DemoCorpus.load().heldOut()) {
            texts.add(ticket.subject() + "\n" + ticket.description());
        }
        assertTrue(texts.size() > 64, "the batch spans several micro-batches");
        try (LinearTicketModel model = LinearTicketModel.open(BundledModel.bytes(), "bundled")) {
            List<Classification> batched = model.classifyTexts(texts);

            assertEquals(texts.size(), batched.size());
            for (int i = 0; i < texts.size(); i++) {
                Classification alone = model.classifyTexts(List.of(texts.get(i))).get(0);
                for (HeadSpec head : model.heads()) {
                    HeadPrediction expected = alone.head(head.name());
                    HeadPrediction actual = batched.get(i).head(head.name());
                    assertEquals(expected.label(), actual.label(), "ticket " + i + ", " + head.name());
                    assertEquals(expected.confidence(), actual.confidence(), 1e-5, "ticket " + i + ", " + head.name());
                }
            }
        }
    }

    @Test
    void microBatchesCoverEveryTicketOnceShortestFirst() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            texts.add("x".repeat((i * 37) % 101));
        }
        List<List<Integer>> batches = LinearTicketModel.microBatches(texts);

        List<Integer> all = batches.stream().flatMap(List::stream).toList();
        assertEquals(100, new HashSet<>(all).size());
        assertEquals(100, all.size());
        for (int k = 1; k < all.size(); k++) {
            assertTrue(texts.get(all.get(k - 1)).length() <= texts.get(all.get(k)).length());
        }
        assertTrue(batches.stream().allMatch(batch -> batch.size() <= 32));
        assertEquals(List.of(List.of(0, 1, 2)), LinearTicketModel.microBatches(List.of("ccc", "a", "bb")),
                "a small batch stays whole and in order");
    }

    @Test
    void featuresAreWordsWordPairsAndSpacePaddedCharacterNgramsOfEachToken() {
        TextFeaturizer featurizer = new TextFeaturizer(FeaturizerSettings.defaults());
        SparseFeatures features = featurizer.featurize("Hi there");

        // words "hi", "there" and the pair; " hi ": 3 bigrams, 2 trigrams, 1 four-gram; " there ": 6 + 5 + 4 + 3
        assertEquals(3 + 6 + 18, features.size());
        assertEquals(ids(features), ids(featurizer.featurize("hi\n\t  THERE ")),
                "any whitespace separates tokens alike, and case does not matter");
        long words = Arrays.stream(features.ids()).filter(id -> id < FeaturizerSettings.defaults().wordDimension())
                .count();
        assertEquals(3, words);
    }

    @Test
    void aTextGivesTheSameFeaturesWhateverTheThreadFeaturizedBefore() {
        TextFeaturizer featurizer = new TextFeaturizer(FeaturizerSettings.defaults());
        String text = "Printer on floor 3 jams again";
        SparseFeatures first = featurizer.featurize(text);
        // A longer text grows this thread's counting tables, a very long one past what a thread keeps; the short
        // text must come out the same after either.
        String longer = "lorem ipsum dolor sit amet consectetur " + "abcdefghij".repeat(300);
        // Random eight-letter tokens: some 2,000 of them, about 50,000 distinct n-grams.
        Random random = new Random(3);
        StringBuilder veryLong = new StringBuilder();
        while (veryLong.length() < 19_000) {
            for (int k = 0; k < 8; k++) {
                veryLong.append((char) ('a' + random.nextInt(26)));
            }
            veryLong.append(' ');
        }
        for (String before : List.of(longer, veryLong.toString())) {
            featurizer.featurize(before);
            SparseFeatures again = featurizer.featurize(text);

            assertArrayEquals(first.ids(), again.ids());
            assertArrayEquals(first.values(), again.values());
            assertEquals(first.wordCount(), again.wordCount());
        }
    }

    @Test
    void openedForScoringItAnswersTheSameWithoutReasons() {
        List<String> texts = DemoCorpus.load().heldOut().stream().limit(40)
                .map(ticket -> ticket.subject() + "\n" + ticket.description()).toList();
        try (LinearTicketModel explained = LinearTicketModel.open(BundledModel.bytes(), "bundled");
             LinearTicketModel scoring = LinearTicketModel.openForScoring(BundledModel.bytes(), "bundled")) {
            List<Classification> withReasons = explained.classifyTexts(texts);
            List<Classification> without = scoring.classifyTexts(texts);
            for (int i = 0; i < texts.size(); i++) {
                for (HeadSpec head : explained.heads()) {
                    HeadPrediction expected = withReasons.get(i).head(head.name());
                    HeadPrediction actual = without.get(i).head(head.name());
                    assertEquals(expected.top(), actual.top(), "ticket " + i + ", " + head.name());
                    assertEquals(List.of(), actual.reasons(), "ticket " + i + ", " + head.name());
                }
            }
            assertTrue(withReasons.stream().anyMatch(c -> !c.head("queue").reasons().isEmpty()),
                    "the explained model does give reasons");
        }
    }

    @Test
    void aModelOfAnotherFormatIsRefusedWithWhatToDo() throws Exception {
        ModelProto bundled = ModelProto.parseFrom(BundledModel.bytes());
        ModelProto.Builder older = bundled.toBuilder().clearMetadataProps();
        for (StringStringEntryProto entry : bundled.getMetadataPropsList()) {
            older.addMetadataProps(entry.toBuilder().setValue(entry.getValue().replace(ModelDescriptor.FORMAT,
                    "ticket-triage/hashed-tfidf-linear-v2")));
        }

        ModelLoadException refused = assertThrows(ModelLoadException.class,
                () -> LinearTicketModel.open(older.build().toByteArray(), "old.onnx"));
        assertEquals("old.onnx has format 'ticket-triage/hashed-tfidf-linear-v2', but this version reads '"
                + ModelDescriptor.FORMAT + "': train it again with this version's `train` command", refused.getMessage());
    }

    private static Set<Integer> ids(SparseFeatures features) {
        Set<Integer> ids = new HashSet<>();
        Arrays.stream(features.ids()).forEach(ids::add);
        return ids;
    }
}
