package io.tickettriage.cli;

import java.io.BufferedReader;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The jar's tools: {@code java -jar ticket-triage.jar <tool> …}. Without a tool name the jar runs the triage service.
 */
@Command(name = "ticket-triage", mixinStandardHelpOptions = true,
        description = "Tools of ticket-triage. Without a tool, java -jar ticket-triage.jar runs the triage service.")
public final class Tools {

    public static final Set<String> NAMES = Set.of("classify", "evaluate", "train");

    private Tools() {
    }

    /** @param stdin where {@code classify} reads tickets when none are given as arguments */
    public static CommandLine commandLine(BufferedReader stdin) {
        return new CommandLine(new Tools())
                .addSubcommand("classify", new ClassifyCommand(stdin))
                .addSubcommand("evaluate", new EvaluateCommand())
                .addSubcommand("train", new TrainCommand());
    }
}
