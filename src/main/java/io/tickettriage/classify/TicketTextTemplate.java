package io.tickettriage.classify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the model input from a ticket, e.g. {@code "{subject}\n{body}"}. A model must see text shaped as it was
 * trained on, so the template comes from the model unless the operator overrides it.
 */
public record TicketTextTemplate(String template) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(subject|body)}");

    public TicketTextTemplate {
        if (!template.contains("{subject}") && !template.contains("{body}")) {
            throw new IllegalArgumentException("text template '" + template
                    + "' uses neither {subject} nor {body}, so every ticket would look the same to the model");
        }
    }

    public String render(TicketText ticket) {
        return render(ticket.subject(), ticket.body());
    }

    public String render(String subject, String body) {
        // One pass, so a subject that happens to contain "{body}" is left as typed.
        return PLACEHOLDER.matcher(template)
                .replaceAll(m -> Matcher.quoteReplacement(m.group(1).equals("subject") ? subject : body));
    }
}
