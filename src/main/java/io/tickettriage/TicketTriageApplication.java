package io.tickettriage;

import io.tickettriage.config.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.main.Main;

/**
 * {@code java -jar ticket-triage.jar}: runs the triage routes with camel-main until Ctrl-C. Uses the editable
 * {@code config/} and {@code routes/} of the working directory when present, else the copies inside the jar.
 */
public final class TicketTriageApplication {

    private static final Path CONFIG = Path.of("config", "application.properties");
    private static final Path LOG_CONFIG = Path.of("config", "log4j2.properties");
    private static final Path ROUTES = Path.of("routes");

    private TicketTriageApplication() {
    }

    public static void main(String[] args) throws Exception {
        // Before the first logger exists, so an edited config/log4j2.properties takes effect.
        if (Files.isRegularFile(LOG_CONFIG)) {
            System.setProperty("log4j2.configurationFile", LOG_CONFIG.toString());
        }
        Main main = new Main();
        main.configure().addConfiguration(new TriageConfiguration());
        main.setPropertyPlaceholderLocations(Files.isRegularFile(CONFIG)
                ? "file:" + CONFIG : "classpath:application.properties");
        if (!Files.isDirectory(ROUTES)) {
            main.addOverrideProperty("triage.routes.location", "classpath:routes/*.yaml");
            main.addOverrideProperty("triage.kamelets.location", "classpath:kamelets");
        }
        int exitCode;
        try {
            exitCode = main.run(args);
        } catch (Exception e) {
            System.err.println("ticket-triage: " + startupProblem(e));
            exitCode = e instanceof ConfigurationException || hasCause(e, ConfigurationException.class) ? 2 : 1;
        }
        System.exit(exitCode);
    }

    /** One line: the configuration problem if there is one, else the deepest cause Camel reported. */
    static String startupProblem(Throwable failure) {
        Throwable deepest = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConfigurationException) {
                return t.getMessage();
            }
            deepest = t;
        }
        return "failed to start: " + deepest.getMessage();
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
