package io.tickettriage.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

class FileDeadLettersTest extends DeadLetterContract {

    @TempDir
    Path directory;

    @Override
    DeadLetterShelf shelf() {
        return new FileDeadLetters(directory);
    }

    /** Each letter a file directly inside the folder, whatever its ticket's key holds. */
    @Override
    Map<String, String> letters() throws Exception {
        Map<String, String> letters = new TreeMap<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertEquals(directory, file.getParent(), "inside the dead-letter folder");
                letters.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return letters;
    }
}
