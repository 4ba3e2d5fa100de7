package io.tickettriage.cli;

import io.tickettriage.evaluate.Evaluation;
import io.tickettriage.evaluate.EvaluationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import io.tickettriage.model.Progress;

/** What the tools show while they work and when they are done. */
final class Console {

    private Console() {
    }

    private static final int BAR = 30;

    /** A bar that rewrites one line on standard error: {@code [#########.....]  60% scoring 2400/4000 tickets}. */
    static Progress progress(PrintWriter err) {
        return (what, total, unit) -> done -> {
            int filled = total == 0 ? BAR : (int) ((long) BAR * done / total);
            err.printf("\r[%s%s] %3d%% %s %d/%d %s", "#".repeat(filled), ".".repeat(BAR - filled),
                    total == 0 ? 100 : 100L * done / total, what, done, total, unit);
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
