package io.tickettriage.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import picocli.CommandLine;

/** One run of the jar's tools as {@code java -jar ticket-triage.jar <args>} would do it, with its output captured. */
public record ToolRun(int exitCode, String out, String err) {

    public static ToolRun of(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = Tools.commandLine(new BufferedReader(new StringReader(stdin)));
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int exitCode = command.execute(args);
        return new ToolRun(exitCode, out.toString(), err.toString());
    }
}
