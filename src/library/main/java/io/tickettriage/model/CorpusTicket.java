package io.tickettriage.model;

import org.jsoup.nodes.Entities;

/**
 * One ticket of the demo corpus ({@code src/library/main/resources/demo-corpus/*.jsonl}).
 */
public record CorpusTicket(String subject, String description, String language, String queue, String priority) {

    /** The description as a help desk stores an e-mail body: escaped HTML with line breaks. */
    public String descriptionHtml() {
        return "<div>" + Entities.escape(description).replace("\n", "<br>") + "</div>";
    }
}
