package io.tickettriage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.main.Main;

/**
 * Builds the camel-main runtime the way {@code java -jar} runs it: the editable {@code config/} and {@code routes/}
 * of the working directory when present, else the copies inside the jar. Tests and the bench boot through here too,
 * so they exercise the shipped configuration, not a copy of it.
 */
public final class TriageRuntime {

    static final Path CONFIG = Path.of("config", "application.properties");
    static final Path LOG_CONFIG = Path.of("config", "log4j2.properties");
    private static final Path ROUTES = Path.of("routes");

    private TriageRuntime() {
    }

    /**
     * @param overrides properties that win over the configuration file and the environment (tests, demo wiring)
     */
    public static Main create(Map<String, String> overrides, Clock clock) {
        Main main = new Main();
        main.configure().addConfiguration(new TriageConfiguration(clock));
        main.setPropertyPlaceholderLocations(Files.isRegularFile(CONFIG)
                ? "file:" + CONFIG : "classpath:application.properties");
        if (!Files.isDirectory(ROUTES)) {
            main.addOverrideProperty("triage.routes.location", "classpath:routes/*.yaml");
            main.addOverrideProperty("triage.kamelets.location", "classpath:kamelets");
        }
        overrides.forEach(main::addOverrideProperty);
        return main;
    }
}
