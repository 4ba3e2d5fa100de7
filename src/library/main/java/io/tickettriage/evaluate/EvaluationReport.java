package io.tickettriage.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickettriage.classify.ClassThreshold;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jsoup.nodes.Entities;

/**
 * Writes an {@link Evaluation} three ways: {@code report.html} (self-contained, the confusion matrix and the
 * coverage–accuracy curve drawn as SVG), {@code report.json} (the same numbers), and a short console summary.
 */
public final class EvaluationReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Thresholds the summary quotes, besides the recommended one. */
    private static final double QUOTED_THRESHOLD = 0.7;

    private final Evaluation evaluation;

    public EvaluationReport(Evaluation evaluation) {
        this.evaluation = evaluation;
    }

    public void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("report.json"), JSON.writeValueAsString(json()), StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("report.html"), html(), StandardCharsets.UTF_8);
    }

    public String summary() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%d tickets from %s, model %s%n",
                evaluation.tickets(), evaluation.data(), evaluation.model()));
        for (HeadEvaluation head : evaluation.heads()) {
            CoveragePoint quoted = head.at(QUOTED_THRESHOLD);
            text.append(String.format(Locale.ROOT, "%s: accuracy %.3f, macro-F1 %.3f; at %.2f, %s are routed "
                            + "automatically at %s accuracy", head.head(), head.accuracy(), head.macroF1(),
                    quoted.threshold(), percent(quoted.coverage()), percent(quoted.accuracy())));
            text.append("; ").append(perClassSummary(head));
            text.append(head.singleThreshold().map(p -> String.format(Locale.ROOT,
                    " (one threshold for all, chosen on these tickets: %.2f, %s routed)", p.threshold(),
                    percent(p.coverage()))).orElse(""));
            if (head.multiLabel()) {
                text.append(tagLines(head));
            }
            head.recommended().thresholds().classes().forEach((label, own) -> {
                if (own.threshold() == null && own.reason() != null) {
                    text.append(String.format("%n  %s routes nothing automatically: %s", label, own.reason()));
                }
            });
            if (!head.unknownLabels().isEmpty()) {
                text.append(String.format("%n  warning: labels the model does not know: %s", head.unknownLabels()));
            }
            text.append(System.lineSeparator());
        }
        return text.toString();
    }

    /**
     * Per tag, what its own threshold did on these tickets: e.g. "tag Billing Issue: written on 7% of the tickets
     * (21 of its 30, coverage 70%) at 95% precision". Coverage is the share of the tickets that truly have the tag
     * which got it written; a tag that writes nothing is said below with why.
     */
    private static String tagLines(HeadEvaluation head) {
        StringBuilder text = new StringBuilder();
        for (ClassScore tag : head.classes()) {
            Optional<ClassThreshold> own = head.recommended().thresholds().of(tag.label());
            if (own.isEmpty() || own.get().threshold() == null) {
                continue;
            }
            ClassThreshold t = own.get();
            text.append(String.format(Locale.ROOT, "%n  tag %s (threshold %.3f): written on %s of the tickets (%d of "
                            + "its %d, coverage %s) at %s precision", tag.label(), t.threshold(),
                    percent(head.tickets() == 0 ? 0 : (double) t.written() / head.tickets()), t.right(),
                    tag.support(), percent(tag.support() == 0 ? 0 : (double) t.right() / tag.support()),
                    t.written() == 0 ? "–" : percent(t.precision())));
        }
        return text.toString();
    }

    /**
     * E.g. "per-class thresholds for 90% precision at 90% confidence route 31% at 92% accuracy; expected 95%,
     * guaranteed 91.2%": what they did on these tickets, then what the tickets they were chosen on promise.
     */
    private static String perClassSummary(HeadEvaluation head) {
        ClassThresholdResult perClass = head.recommended();
        String thresholds = "per-class thresholds for " + percent(head.targetAccuracy()) + " precision"
                + perClass.thresholds().guaranteeConfidence().map(c -> " at " + percent(c) + " confidence")
                .orElse(" (chosen before thresholds came with a guarantee)");
        String routed = perClass.written() == 0 ? " route no ticket"
                : String.format(Locale.ROOT, " route %s at %s accuracy", percent(perClass.coverage()),
                        percent(perClass.accuracy()));
        String promised = perClass.thresholds().guaranteeConfidence().isEmpty() ? ""
                : perClass.guaranteed().isPresent()
                ? String.format(Locale.ROOT, "; expected %s, guaranteed %s",
                        percent(perClass.expected().orElseThrow()), percentOneDecimal(perClass.guaranteed().getAsDouble()))
                : "; no class has the evidence for the guarantee";
        return thresholds + routed + promised;
    }

    private ObjectNode json() {
        ObjectNode root = JSON.createObjectNode().put("model", evaluation.model()).put("data", evaluation.data())
                .put("tickets", evaluation.tickets()).put("skipped", evaluation.skipped());
        ArrayNode heads = root.putArray("heads");
        for (HeadEvaluation head : evaluation.heads()) {
            ObjectNode node = heads.addObject().put("head", head.head()).put("tickets", head.tickets())
                    .put("accuracy", head.accuracy()).put("macroF1", head.macroF1())
                    .put("targetAccuracy", head.targetAccuracy());
            ClassThresholdResult perClass = head.recommended();
            ObjectNode recommended = node.putObject("recommended").put("thresholds", "per-class")
                    .put("coverage", perClass.coverage());
            share(recommended, "accuracy", perClass.right(), perClass.written());
            recommended.put("written", perClass.written()).put("right", perClass.right())
                    .put("chosenOn", perClass.chosenOn());
            optional(recommended, "confidence", perClass.thresholds().confidence());
            optional(recommended, "expectedPrecision", boxed(perClass.expected()));
            optional(recommended, "guaranteedPrecision", boxed(perClass.guaranteed()));
            head.singleThreshold().ifPresentOrElse(p -> point(node.putObject("singleThreshold"), p),
                    () -> node.putNull("singleThreshold"));
            ArrayNode classes = node.putArray("classes");
            for (ClassScore c : head.classes()) {
                ObjectNode row = classes.addObject().put("label", c.label()).put("precision", c.precision())
                        .put("recall", c.recall()).put("f1", c.f1()).put("support", c.support());
                Optional<ClassThreshold> own = perClass.thresholds().of(c.label());
                own.map(ClassThreshold::threshold).ifPresentOrElse(t -> row.put("threshold", t),
                        () -> row.putNull("threshold"));
                row.put("predictions", own.map(ClassThreshold::predictions).orElse(0))
                        .put("predictionsRight", own.map(ClassThreshold::predictionsRight).orElse(0));
                optional(row, "expectedPrecision", own.map(t -> boxed(t.expected())).orElse(null));
                optional(row, "guaranteedPrecision", own.map(ClassThreshold::guaranteed).orElse(null));
                optional(row, "reason", own.map(ClassThreshold::reason).orElse(null));
                int written = own.map(ClassThreshold::written).orElse(0);
                int right = own.map(ClassThreshold::right).orElse(0);
                row.put("written", written).put("right", right);
                share(row, "writtenPrecision", right, written);
            }
            ArrayNode labels = node.putArray("labels");
            head.labels().forEach(labels::add);
            ArrayNode matrix = node.putArray("confusion");
            for (int[] row : head.confusion()) {
                ArrayNode r = matrix.addArray();
                for (int count : row) {
                    r.add(count);
                }
            }
            ArrayNode curve = node.putArray("curve");
            head.curve().forEach(p -> point(curve.addObject(), p));
            ArrayNode unknown = node.putArray("unknownLabels");
            head.unknownLabels().forEach(unknown::add);
        }
        return root;
    }

    /** A share that does not exist when nothing was counted is null, not 0 (which would read as "all wrong"). */
    private static void share(ObjectNode node, String field, int part, int whole) {
        if (whole == 0) {
            node.putNull(field);
        } else {
            node.put(field, (double) part / whole);
        }
    }

    /** A figure that does not exist (no guarantee, no reason) is null, so every row has the same fields. */
    private static void optional(ObjectNode node, String field, Object value) {
        if (value == null) {
            node.putNull(field);
        } else if (value instanceof Double number) {
            node.put(field, number);
        } else {
            node.put(field, value.toString());
        }
    }

    private static Double boxed(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }

    private static void point(ObjectNode node, CoveragePoint p) {
        node.put("threshold", p.threshold()).put("coverage", p.coverage()).put("accuracy", p.accuracy());
    }

    private String html() {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>ticket-triage evaluation</title>
                <style>body{font:14px system-ui,sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse}
                td,th{padding:3px 8px;border-bottom:1px solid #ddd;text-align:right}th:first-child,td:first-child
                {text-align:left}h2{margin-top:2em}.figs{display:flex;gap:2em;flex-wrap:wrap}</style></head><body>
                """);
        html.append("<h1>ticket-triage evaluation</h1><p>").append(esc(summary()).replace("\n", "<br>"))
                .append("</p>");
        for (HeadEvaluation head : evaluation.heads()) {
            html.append("<h2>").append(esc(head.head())).append("</h2><div class=\"figs\">")
                    .append(confusionSvg(head)).append(curveSvg(head)).append("</div>")
                    .append("<p>").append(esc(perClassSummary(head))).append("; thresholds chosen on ")
                    .append(esc(head.recommended().chosenOn())).append(".</p>")
                    .append("<table><tr><th>label</th><th>precision</th><th>recall</th><th>F1</th>"
                            + "<th>support</th><th>threshold</th><th>chosen on: right of predictions</th>"
                            + "<th>expected precision</th><th>guaranteed precision</th><th>written</th>"
                            + "<th>precision when written</th><th>why no threshold</th></tr>");
            for (ClassScore c : head.classes()) {
                Optional<ClassThreshold> own = head.recommended().thresholds().of(c.label());
                html.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.3f</td><td>%.3f</td><td>%.3f</td>"
                                + "<td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%d</td><td>%s</td>"
                                + "<td style=\"text-align:left\">%s</td></tr>", esc(c.label()), c.precision(),
                        c.recall(), c.f1(), c.support(),
                        own.map(t -> t.threshold() == null ? "never"
                                : String.format(Locale.ROOT, "%.3f", t.threshold())).orElse("–"),
                        own.filter(t -> t.predictions() > 0).map(t -> t.predictionsRight() + " of " + t.predictions())
                                .orElse("–"),
                        own.map(t -> t.expected()).filter(OptionalDouble::isPresent)
                                .map(e -> String.format(Locale.ROOT, "%.3f", e.getAsDouble())).orElse("–"),
                        own.map(ClassThreshold::guaranteed).map(g -> String.format(Locale.ROOT, "%.3f", g))
                                .orElse("–"),
                        own.map(ClassThreshold::written).orElse(0),
                        own.filter(t -> t.written() > 0).map(t -> String.format(Locale.ROOT, "%.3f", t.precision()))
                                .orElse("–"),
                        esc(own.map(ClassThreshold::reason).orElse(""))));
            }
            html.append("</table>");
        }
        return html.append("</body></html>\n").toString();
    }

    /** Rows are the true labels, columns the predictions; shade is the share of the row. */
    private static String confusionSvg(HeadEvaluation head) {
        List<String> labels = head.labels();
        int cell = 34;
        int margin = 150;
        int size = margin + cell * labels.size() + 10;
        // Extra width on the right for the last rotated column label.
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-size=\"11\">"
                        + "<text x=\"%d\" y=\"12\">predicted →</text><text x=\"4\" y=\"%d\">true ↓</text>",
                size + 70, size, margin, margin - 4));
        for (int r = 0; r < labels.size(); r++) {
            int rowTotal = 0;
            for (int count : head.confusion()[r]) {
                rowTotal += count;
            }
            int y = margin + r * cell;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
                    margin - 6, y + cell / 2 + 4, esc(labels.get(r))));
            svg.append(String.format(Locale.ROOT, "<text transform=\"translate(%d,%d) rotate(-60)\">%s</text>",
                    margin + r * cell + cell / 2, margin - 6, esc(labels.get(r))));
            for (int c = 0; c < labels.size(); c++) {
                int count = head.confusion()[r][c];
                double share = rowTotal == 0 ? 0 : (double) count / rowTotal;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                                + "fill=\"%s\" stroke=\"#fff\"/><text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
                                + "fill=\"%s\">%d</text>", margin + c * cell, y, cell, cell,
                        shade(share, r == c), margin + c * cell + cell / 2, y + cell / 2 + 4,
                        share > 0.5 ? "#fff" : "#222", count));
            }
        }
        return svg.append("</svg>").toString();
    }

    /** From white (none of the row) to green on the diagonal (right) or red off it (confused). */
    private static String shade(double share, boolean diagonal) {
        int[] full = diagonal ? new int[] {26, 127, 55} : new int[] {207, 34, 46};
        return String.format(Locale.ROOT, "rgb(%d,%d,%d)", blend(full[0], share), blend(full[1], share),
                blend(full[2], share));
    }

    private static int blend(int channel, double share) {
        return (int) Math.round(255 + (channel - 255) * share);
    }

    /**
     * Coverage (blue) and accuracy (green) against one threshold for all; the dashed line marks the lowest one that
     * reaches the target.
     */
    private static String curveSvg(HeadEvaluation head) {
        int width = 420;
        int height = 300;
        int pad = 40;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-size=\"11\">"
                        + "<rect x=\"%d\" y=\"10\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>"
                        + "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">confidence threshold</text>",
                width, height, pad, width - pad - 10, height - pad - 10, width / 2, height - 6));
        for (int tick = 0; tick <= 10; tick += 2) {
            double v = tick / 10.0;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.1f</text>"
                            + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f%%</text>",
                    x(v, width, pad), height - pad + 14, v, pad - 4, y(v, height, pad) + 4, v * 100));
        }
        svg.append(polyline(head, width, height, pad, true, "#1f6feb"))
                .append(polyline(head, width, height, pad, false, "#2da44e"))
                .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#1f6feb\">coverage</text>"
                        + "<text x=\"%d\" y=\"%d\" fill=\"#2da44e\">accuracy</text>",
                        pad + 8, height - pad - 28, pad + 8, height - pad - 14));
        head.singleThreshold().ifPresent(p -> svg.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"10\" x2=\"%.1f\" y2=\"%d\" stroke=\"#cf222e\" stroke-dasharray=\"4\"/>"
                        + "<text x=\"%.1f\" y=\"54\" fill=\"#cf222e\">%.2f → %s at %s</text>",
                x(p.threshold(), width, pad), x(p.threshold(), width, pad), height - pad,
                x(p.threshold(), width, pad) + 4, p.threshold(), percent(p.coverage()), percent(p.accuracy()))));
        return svg.append("</svg>").toString();
    }

    private static String polyline(HeadEvaluation head, int width, int height, int pad, boolean coverage,
                                   String colour) {
        StringBuilder points = new StringBuilder();
        for (CoveragePoint p : head.curve()) {
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(p.threshold(), width, pad),
                    y(coverage ? p.coverage() : p.accuracy(), height, pad)));
        }
        return "<polyline fill=\"none\" stroke-width=\"2\" stroke=\"" + colour + "\" points=\"" + points + "\"/>";
    }

    private static double x(double value, int width, int pad) {
        return pad + value * (width - pad - 10);
    }

    private static double y(double value, int height, int pad) {
        return 10 + (1 - value) * (height - pad - 10);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    /** One decimal where a guarantee is compared with a target: 94.7 % shown as "95%" would read as reaching it. */
    private static String percentOneDecimal(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static String esc(String text) {
        return Entities.escape(text);
    }
}
