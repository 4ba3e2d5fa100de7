package io.tickettriage.cli;

import io.tickettriage.TriageRuntime;
import io.tickettriage.config.ConfigurationException;
import io.tickettriage.config.TriageProperties;
import io.tickettriage.state.Erased;
import io.tickettriage.state.FileStateStore;
import io.tickettriage.state.JdbcStateStore;
import io.tickettriage.state.StateStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Removes what ticket-triage keeps about one ticket, from the state its configuration names: the ticket's dead
 * letters, its predictions with their outcomes, and a write of it still open. The write ledger's bare mark that the
 * ticket was written (its key, nothing of its content) stays, so the service never triages it, and notes it, again.
 */
@Command(name = "erase", mixinStandardHelpOptions = true,
        description = {"Remove what ticket-triage keeps about one ticket: its dead letters, its predictions and their "
                + "outcomes, and a write of it still open. The mark that it was written (its key only) stays, so it "
                + "is never triaged twice.",
                "With the state in files (triage.state.store = file) stop the service first: it holds the state "
                        + "directory. With PostgreSQL it may run."})
public final class EraseCommand implements Callable<Integer> {

    @Option(names = "--ticket", required = true, paramLabel = "DESK:ID",
            description = "The ticket, as its records name it: the desk (one of triage.desks, or the help desk's name "
                    + "when there is one desk), a colon, and the help desk's id of the ticket, e.g. freshdesk:4711")
    private String ticket;

    @Option(names = "--state", paramLabel = "DIR",
            description = "The service's state directory (default: triage.state.directory of the configuration)")
    private Path state;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The service's configuration, for triage.state.store and its database settings (default: "
                    + "config/application.properties, else the jar's own)")
    private Path config;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int colon = ticket.indexOf(':');
        if (colon <= 0 || colon == ticket.length() - 1) {
            err.println("ticket-triage erase: --ticket must be <desk>:<id>, e.g. freshdesk:4711, was '" + ticket + "'");
            return 2;
        }
        try {
            TriageProperties properties = TriageProperties.load(config == null ? TriageRuntime.configLocation()
                    : "file:" + config.toAbsolutePath());
            try (StateStore store = open(properties)) {
                Erased erased = store.erase(ticket);
                out.println("Erased the records of " + ticket + " from " + store + ":");
                erased.lines().forEach(line -> out.println("  " + line));
            }
            return 0;
        } catch (ConfigurationException e) {
            err.println("ticket-triage erase: " + e.getMessage());
            return 2;
        }
    }

    private StateStore open(TriageProperties properties) {
        if (properties.choice("triage.state.store", StateStore.Kind.FILE) == StateStore.Kind.JDBC) {
            return JdbcStateStore.open(properties);
        }
        Path directory = state != null ? state : Path.of(properties.text("triage.state.directory", "state"));
        if (!Files.isDirectory(directory)) {
            throw new ConfigurationException("there is no state directory " + directory.toAbsolutePath()
                    + "; give the service's with --state, or its configuration with --config");
        }
        try {
            return FileStateStore.open(directory);
        } catch (ConfigurationException held) {
            throw new ConfigurationException("the service is running with the state directory "
                    + directory.toAbsolutePath() + ", which only one process may hold; stop it, erase, and start it "
                    + "again");
        }
    }
}
