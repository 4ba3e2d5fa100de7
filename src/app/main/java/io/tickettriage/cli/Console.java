package io.tickettriage.cli;

import io.tickettriage.evaluate.Evaluation;
import io.tickettriage.evaluate.EvaluationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import io.tickettriage.model.LinearModelTrainer;
import io.tickettriage.model.Progress;
import java.util.List;

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
    /**
     * What each head was trained with and why, e.g. {@code queue: C=0.5, no class weights, a calibration scale per
     * class: lowest cross-validated log-loss, 0.8123 against the start's 0.8301 (7 candidates on 3200 tickets)}.
     */
    static void settings(List<LinearModelTrainer.HeadSettings> heads, PrintWriter out) {
        for (LinearModelTrainer.HeadSettings head : heads) {
            out.println(head.head() + ": " + head.chosen().describe() + ": " + head.why()
                    + (head.tried().isEmpty() ? "" : " (" + head.tried().size() + " candidates tried on "
                    + head.tickets() + " training tickets" + (head.budgetRanOut()
                    ? "; the search budget ran out, --search-budget gives it more time" : "") + ")"));
            head.tried().forEach(trial -> out.println("    tried " + trial));
        }
    }

    static void report(Evaluation evaluation, Path directory, PrintWriter out) throws IOException {
        EvaluationReport report = new EvaluationReport(evaluation);
        report.write(directory);
        out.print(report.summary());
    }
}
