package io.tickettriage.state;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileWatermarkTest extends WatermarkContract {

    @TempDir
    Path state;

    @Override
    WatermarkStorage storage(String helpdesk) {
        return new WatermarkFile(state.resolve(helpdesk + ".watermark"));
    }
}
