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

    /**
     * A status that rewrites one line on standard error while the total is not known yet, e.g.
     * {@code Freshdesk: 12 pages, 1130 tickets listed, 845 kept}; a notice ends that line first, so both stay readable.
     */
    static StatusLine statusLine(PrintWriter err) {
        return new StatusLine(err);
    }

    static final class StatusLine {

        private final PrintWriter err;
        private boolean open;

        private StatusLine(PrintWriter err) {
            this.err = err;
        }

        void show(String status) {
            err.print("\r" + status);
            err.flush();
            open = true;
        }

        void notice(String line) {
            end();
            err.println(line);
            err.flush();
        }

        /** Leaves the last status on screen and moves on to a new line. */
        void end() {
            if (open) {
                err.println();
                err.flush();
                open = false;
            }
        }
    }

    /** Writes report.html and report.json into {@code directory} and prints the summary. */
    static void report(Evaluation evaluation, Path directory, PrintWriter out) throws IOException {
        EvaluationReport report = new EvaluationReport(evaluation);
        report.write(directory);
        out.print(report.summary());
    }
}
