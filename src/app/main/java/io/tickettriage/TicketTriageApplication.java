package io.tickettriage;

import io.tickettriage.cli.Tools;
import io.tickettriage.config.ConfigurationException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.main.Main;

/**
 * {@code java -jar ticket-triage.jar}: runs the triage routes with camel-main until Ctrl-C, and turns a startup
 * failure into one line and a non-zero exit code (2 for configuration problems).
 * {@code java -jar ticket-triage.jar classify|evaluate …} runs one of the {@link Tools} instead.
 */
public final class TicketTriageApplication {

    private TicketTriageApplication() {
    }

    public static void main(String[] args) throws Exception {
        if (Tools.wanted(args)) {
            BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            System.exit(Tools.commandLine(stdin).execute(args));
        }
        // Before the first logger exists, so an edited config/log4j2.properties (or the jar's own) takes effect.
        String logConfig = TriageRuntime.logConfigLocation();
        if (logConfig != null && System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", logConfig);
        }
        Main main = TriageRuntime.create(Map.of(), Clock.systemUTC());
        int exitCode;
        try {
            exitCode = main.run(args);
        } catch (Exception e) {
            System.err.println("ticket-triage: " + startupProblem(e));
            exitCode = hasCause(e, ConfigurationException.class) ? 2 : 1;
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
