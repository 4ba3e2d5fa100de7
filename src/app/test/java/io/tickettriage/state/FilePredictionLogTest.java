package io.tickettriage.state;

import io.tickettriage.triage.PredictionLog;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class FilePredictionLogTest extends PredictionLogContract {

    @TempDir
    Path state;

    private FilePredictionLog open;

    @Override
    PredictionLog reopen() {
        try {
            close();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        open = FilePredictionLog.open(state);
        return open;
    }

    @AfterEach
    void close() throws IOException {
        if (open != null) {
            open.close();
        }
    }
}
