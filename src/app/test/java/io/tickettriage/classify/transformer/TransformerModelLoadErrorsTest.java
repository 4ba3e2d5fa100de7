package io.tickettriage.classify.transformer;

import static io.tickettriage.classify.transformer.TransformerTicketModelTest.KEYWORDS;
import static io.tickettriage.classify.transformer.TransformerTicketModelTest.QUEUES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.classify.ModelLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a model folder can be wrong gives one message that names the folder and the problem. */
class TransformerModelLoadErrorsTest {

    @TempDir
    Path folder;

    @Test
    void aFolderThatDoesNotExist() {
        assertProblem(folder.resolve("missing"), "is not a folder");
    }

    @Test
    void noModelFile() throws IOException {
        write();
        Files.delete(folder.resolve("model.onnx"));
        assertProblem(folder, "has neither model_quantized.onnx nor model.onnx");
    }

    @Test
    void aModelFileTheOptionsNameButTheFolderLacks() {
        write();
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> TransformerTicketModel.load(folder,
                "queue", TransformerOptions.defaults().withModelFile("model_O3.onnx")));
        assertEquals(prefix() + "has no model_O3.onnx (the model file the options name)", e.getMessage());
    }

    @Test
    void notAnOnnxFile() throws IOException {
        write();
        Files.writeString(folder.resolve("model.onnx"), "<html>404</html>");
        assertProblem(folder, "has a model.onnx ONNX Runtime cannot load: ");
    }

    @Test
    void noTokenizer() throws IOException {
        write();
        Files.delete(folder.resolve("tokenizer.json"));
        assertProblem(folder, "has no tokenizer.json");
    }

    @Test
    void aTokenizerTheLibraryCannotRead() throws IOException {
        write();
        Files.writeString(folder.resolve("tokenizer.json"), "{\"model\": {\"type\": \"NoSuchModel\"}}");
        assertProblem(folder, "has a tokenizer.json the Hugging Face tokenizers library cannot load: ");
    }

    @Test
    void noConfig() throws IOException {
        write();
        Files.delete(folder.resolve("config.json"));
        assertProblem(folder, "has no config.json (it names the labels in id2label)");
    }

    @Test
    void aConfigThatIsNotJson() throws IOException {
        write();
        Files.writeString(folder.resolve("config.json"), "{\n  \"id2label\": {\"0\": \"billing\",\n");
        assertProblem(folder, "has a config.json that is not valid JSON: ");
    }

    @Test
    void aConfigWithoutLabels() throws IOException {
        write();
        Files.writeString(folder.resolve("config.json"), "{\"model_type\": \"bert\"}");
        assertProblem(folder, "has no id2label in config.json");
    }

    @Test
    void labelIdsWithAGap() throws IOException {
        write();
        Files.writeString(folder.resolve("config.json"), "{\"id2label\": {\"0\": \"a\", \"1\": \"b\", \"3\": \"c\"}}");
        assertProblem(folder, "numbers the labels in config.json id2label [0, 1, 3], but they must be 0..2 without gaps");
    }

    @Test
    void aLabelNamedTwice() throws IOException {
        write();
        Files.writeString(folder.resolve("config.json"), "{\"id2label\": {\"0\": \"a\", \"1\": \"a\", \"2\": \"c\"}}");
        assertProblem(folder, "names label 'a' twice in config.json id2label");
    }

    @Test
    void anUnknownProblemType() throws IOException {
        write();
        Files.writeString(folder.resolve("config.json"),
                "{\"id2label\": {\"0\": \"a\", \"1\": \"b\", \"2\": \"c\"}, \"problem_type\": \"regression\"}");
        assertProblem(folder, "has problem_type 'regression' in config.json");
    }

    @Test
    void aBadLengthLimit() throws IOException {
        write();
        Files.writeString(folder.resolve("tokenizer_config.json"), "{\"model_max_length\": \"long\"}");
        assertProblem(folder, "has model_max_length \"long\" in tokenizer_config.json, which is not a positive number");
    }

    @Test
    void moreLabelsThanLogits() throws IOException {
        write();
        Files.writeString(folder.resolve("config.json"),
                "{\"id2label\": {\"0\": \"a\", \"1\": \"b\", \"2\": \"c\", \"3\": \"d\"}}");
        assertProblem(folder, "model.onnx gives output 'logits' with shape [-1, 3], but config.json names 4 labels");
    }

    @Test
    void anInputTextClassifiersDoNotTake() {
        TinyTransformer.of(QUEUES, KEYWORDS).withExtraInput("pixel_values").writeTo(folder);
        assertProblem(folder, "model.onnx takes input 'pixel_values', but a text classifier takes only"
                + " [input_ids, attention_mask, token_type_ids]");
    }

    @Test
    void anExportWithAFixedSequenceLength() {
        TinyTransformer.of(QUEUES, KEYWORDS).withFixedSequence(128).writeTo(folder);
        assertProblem(folder, "model.onnx declares input 'input_ids' with shape [-1, 128]; token inputs must be"
                + " [batch, sequence] with both sizes left open (-1)");
    }

    @Test
    void aSingleLabelHeadWithOneLabel() {
        TinyTransformer.write(folder, List.of("billing"), Map.of("invoice", "billing"));
        assertProblem(folder, "cannot serve head 'queue': head 'queue' needs at least two labels");
    }

    @Test
    void aSharedNativeCacheFolderIsRefused(@TempDir Path shared) throws IOException {
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> TokenizerNatives.requirePrivate(shared));
        assertTrue(e.getMessage().contains("it must be a folder only this user can write"), e.getMessage());
        Path fresh = shared.resolve("fresh");
        TokenizerNatives.requirePrivate(fresh);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
    }

    private void write() {
        TinyTransformer.write(folder, QUEUES, KEYWORDS);
    }

    private String prefix() {
        return "transformer model folder " + folder.toAbsolutePath() + " ";
    }

    private static void assertProblem(Path folder, String problem) {
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> TransformerTicketModel.load(folder, "queue", TransformerOptions.defaults()));
        String expected = "transformer model folder " + folder.toAbsolutePath() + " " + problem;
        assertTrue(e.getMessage().startsWith(expected), "expected '" + expected + "…' but was '" + e.getMessage() + "'");
    }
}
