package io.tickettriage.triage;

import io.tickettriage.classify.HeadPrediction;
import io.tickettriage.classify.ScoredLabel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jsoup.nodes.Entities;

/**
 * The note an adapter adds to a triaged ticket so agents see why it landed where it did: every head's label with its
 * confidence, the ticket's words that spoke most for it (when the model can tell), and runners-up; which heads the
 * model does not have, whose fields are left as the desk has them; and which fields were left alone for being
 * uncertain. Tags are named one by one: each tag added with its probability and its words, and the closest not added. Every adapter writes the same note, as HTML or as plain text, whichever its help desk shows.
 */
public final class TriageNote {

    /** How each note form escapes text, marks the chosen label and quotes the ticket's words. */
    private record Markup(UnaryOperator<String> escape, String strongOpen, String strongClose, String quoteOpen,
                          String quoteClose) {
    }

    private static final Markup HTML = new Markup(TriageNote::escape, "<b>", "</b>", "<em>", "</em>");
    private static final Markup TEXT = new Markup(s -> s, "", "", "\"", "\"");

    /** The tags not added that a note names: enough to see what was close. */
    private static final int MAX_TAGS_NOT_ADDED = 3;

    private TriageNote() {
    }

    public static String html(TriageDecision decision) {
        StringBuilder html = new StringBuilder("<p><b>ticket-triage</b> classified this ticket:</p><ul>");
        for (String line : headLines(decision, HTML)) {
            html.append("<li>").append(line).append("</li>");
        }
        html.append("</ul>");
        uncertainty(decision).ifPresent(text -> html.append("<p>").append(escape(text)).append("</p>"));
        decision.resemblance().noteLines().forEach(line -> html.append("<p>").append(escape(line)).append("</p>"));
        html.append("<p>").append(escape(modelLine(decision))).append("</p>");
        return html.toString();
    }

    public static String text(TriageDecision decision) {
        StringBuilder text = new StringBuilder("ticket-triage classified this ticket:\n");
        for (String line : headLines(decision, TEXT)) {
            text.append("- ").append(line).append('\n');
        }
        uncertainty(decision).ifPresent(line -> text.append(line).append('\n'));
        decision.resemblance().noteLines().forEach(line -> text.append(line).append('\n'));
        text.append(modelLine(decision)).append('\n');
        return text.toString();
    }

    private static List<String> headLines(TriageDecision decision, Markup markup) {
        UnaryOperator<String> escape = markup.escape();
        List<String> lines = new ArrayList<>();
        for (HeadPrediction head : decision.classification().heads().values()) {
            if (head.head().equals(TriagePolicy.TAGS)) {
                lines.add(tagsLine(decision, head, markup));
                continue;
            }
            StringBuilder line = new StringBuilder(escape.apply(head.head())).append(": ").append(markup.strongOpen())
                    .append(escape.apply(head.label())).append(markup.strongClose()).append(" (")
                    .append(percent(head.confidence())).append(")");
            if (!head.reasons().isEmpty()) {
                // Ticket text: escaped like everything else, so a word cannot smuggle markup into the note.
                line.append(" because of: ").append(String.join(", ", head.reasons().stream()
                        .map(reason -> markup.quoteOpen() + escape.apply(reason) + markup.quoteClose()).toList()));
            }
            List<String> others = new ArrayList<>();
            for (ScoredLabel runnerUp : head.runnersUp()) {
                others.add(escape.apply(runnerUp.label()) + " " + percent(runnerUp.confidence()));
            }
            if (!others.isEmpty()) {
                line.append("; runners-up: ").append(String.join(", ", others));
            }
            lines.add(line.toString());
        }
        // A head the model lacks is said, so that no agent takes the desk's own value for the model's.
        decision.absent().forEach(head -> lines.add(escape.apply(head + ": " + TriagePolicy.absent(head))));
        return lines;
    }

    /**
     * Each tag added, with its probability and the words that spoke for it; then the most likely tags not added (below
     * their own threshold), so that agents see what was close. Never a reason for review.
     */
    private static String tagsLine(TriageDecision decision, HeadPrediction head, Markup markup) {
        UnaryOperator<String> escape = markup.escape();
        List<String> added = new ArrayList<>();
        List<String> notAdded = new ArrayList<>();
        for (ScoredLabel tag : head.top()) {
            if (!decision.tags().contains(tag.label())) {
                if (notAdded.size() < MAX_TAGS_NOT_ADDED) {
                    notAdded.add(escape.apply(tag.label()) + " " + percent(tag.confidence()));
                }
                continue;
            }
            StringBuilder shown = new StringBuilder(markup.strongOpen()).append(escape.apply(tag.label()))
                    .append(markup.strongClose()).append(" (").append(percent(tag.confidence())).append(")");
            List<String> reasons = head.reasonsFor(tag.label());
            if (!reasons.isEmpty()) {
                shown.append(" because of: ").append(String.join(", ", reasons.stream()
                        .map(reason -> markup.quoteOpen() + escape.apply(reason) + markup.quoteClose()).toList()));
            }
            added.add(shown.toString());
        }
        return escape.apply(head.head()) + ": " + (added.isEmpty() ? "none added (no tag reached its threshold)"
                : "added " + String.join("; ", added))
                + (notAdded.isEmpty() ? "" : "; not added: " + String.join(", ", notAdded));
    }

    private static Optional<String> uncertainty(TriageDecision decision) {
        if (!decision.needsReview()) {
            return Optional.empty();
        }
        List<String> low = new ArrayList<>();
        Map<String, Optional<String>> written = Map.of(TriagePolicy.QUEUE, decision.queue(), TriagePolicy.PRIORITY,
                decision.priority());
        for (String head : TriagePolicy.HEADS) {
            if (written.get(head).isEmpty() && !decision.absent().contains(head)) {
                low.add(head);
            }
        }
        return Optional.of("Not confident enough (below the threshold of the class, or a class not live yet) for: "
                + String.join(", ", low)
                + ". Those fields were not set as if sure"
                + (decision.toReviewQueue() ? "; the ticket went to the review queue" : "") + ".");
    }

    /** Which model decided: after a retraining, agents and the agreement report can tell old decisions from new. */
    private static String modelLine(TriageDecision decision) {
        return "Model " + decision.model() + ".";
    }

    private static String percent(double confidence) {
        return String.format(Locale.ROOT, "%.0f%%", confidence * 100);
    }

    private static String escape(String text) {
        return Entities.escape(text);
    }
}
