package io.tickettriage.cli;

import io.tickettriage.evaluate.Evaluation;
import io.tickettriage.evaluate.EvaluationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.IntConsumer;

/** What the tools show while they work and when they are done. */
final class Console {

    private Console() {
    }

    /** A counter that rewrites one line on standard error, e.g. {@code classified 512/4000 tickets}. */
    static IntConsumer progress(PrintWriter err, String what, int total) {
        return done -> {
            err.printf("\r%s %d/%d tickets", what, done, total);
            if (done == total) {
                err.println();
            }
            err.flush();
        };
    }

    /** Writes report.html and report.json into {@code directory} and prints the summary. */
    static void report(Evaluation evaluation, Path directory, PrintWriter out) throws IOException {
        EvaluationReport report = new EvaluationReport(evaluation);
        report.write(directory);
        out.print(report.summary());
    }
}
