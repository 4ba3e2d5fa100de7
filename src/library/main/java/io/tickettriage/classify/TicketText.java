package io.tickettriage.classify;

/**
 * What a model reads of a ticket. Each model renders it through its own {@link TicketTextTemplate}, because models
 * trained on differently shaped text can serve different heads of one pipeline.
 *
 * @param subject may be empty, never null
 * @param body    plain text, may be empty, never null
 */
public record TicketText(String subject, String body) {

    public TicketText {
        subject = subject == null ? "" : subject;
        body = body == null ? "" : body;
    }
}
