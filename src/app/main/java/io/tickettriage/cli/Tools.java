package io.tickettriage.cli;

import java.io.BufferedReader;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The jar's tools: {@code java -jar ticket-triage.jar <tool> …}. Without a tool name the jar runs the triage service.
 */
@Command(name = "java -jar ticket-triage.jar", mixinStandardHelpOptions = true, versionProvider = Tools.Version.class,
        description = {"On-premise AI triage for help desks.",
                "Without a tool, java -jar ticket-triage.jar runs the triage service (the demo when no help desk is "
                        + "configured). The tools:"})
public final class Tools {

    public static final Set<String> NAMES = Set.of("agreement", "classify", "erase", "evaluate", "train");
    private static final Set<String> ABOUT = Set.of("-h", "--help", "help", "-V", "--version");

    private Tools() {
    }

    /** The version the build wrote into the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Tools.class.getPackage().getImplementationVersion();
            return new String[] {"ticket-triage " + (version == null ? "(development build)" : version)};
        }
    }

    /**
     * Whether the jar's arguments are for the tools rather than the triage service: a tool, help, the version, or any
     * other word, which the tools then refuse with the list of tools (a typo must not start the service, nor fall
     * through to Camel's runner). Only options ({@code -pl …}) go to Camel.
     */
    public static boolean wanted(String[] args) {
        return args.length > 0 && (ABOUT.contains(args[0]) || !args[0].startsWith("-"));
    }

    /** @param stdin where {@code classify} reads tickets when none are given as arguments */
    public static CommandLine commandLine(BufferedReader stdin) {
        CommandLine tools = new CommandLine(new Tools())
                .addSubcommand("classify", new ClassifyCommand(stdin))
                .addSubcommand("agreement", new AgreementCommand())
                .addSubcommand("erase", new EraseCommand())
                .addSubcommand("evaluate", new EvaluateCommand())
                .addSubcommand("train", new TrainCommand());
        tools.addSubcommand("help", new CommandLine.HelpCommand());
        // picocli prints only a "did you mean" for a near miss; the list of tools is what tells the way.
        tools.setParameterExceptionHandler((problem, args) -> {
            CommandLine.UnmatchedArgumentException.printSuggestions(problem, problem.getCommandLine().getErr());
            problem.getCommandLine().getErr().println(problem.getMessage());
            problem.getCommandLine().usage(problem.getCommandLine().getErr());
            return 2;
        });
        return tools;
    }
}
