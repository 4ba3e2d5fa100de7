package io.tickettriage.dataset;

import io.tickettriage.classify.TicketText;
import java.util.Map;

/** One row of a labelled export: the ticket's text and its label for each head. */
public record LabelledTicket(String subject, String body, Map<String, String> labels) {

    public LabelledTicket {
        labels = Map.copyOf(labels);
    }

    /** What a model reads of this ticket. */
    public TicketText text() {
        return new TicketText(subject, body);
    }
}
