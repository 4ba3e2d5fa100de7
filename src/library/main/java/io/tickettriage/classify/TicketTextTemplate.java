package io.tickettriage.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the model input from a ticket, e.g. {@code "{subject}\n{body}"}. A model must see text shaped as it was
 * trained on, so the template comes from the model unless the operator overrides it. Immutable; equal when the
 * template text is.
 */
public final class TicketTextTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(subject|body)}");
    /** Markers in {@link #parts}, compared by identity, so no literal text can be taken for one. */
    private static final String SUBJECT = "\0subject";
    private static final String BODY = "\0body";

    private final String template;
    /** The template cut at its placeholders; rendering runs for every ticket, so the cutting is done once, here. */
    private final List<String> parts;

    /** @param template the template as written, with {@code {subject}} and {@code {body}} placeholders */
    public TicketTextTemplate(String template) {
        if (!template.contains("{subject}") && !template.contains("{body}")) {
            throw new IllegalArgumentException("text template '" + template
                    + "' uses neither {subject} nor {body}, so every ticket would look the same to the model");
        }
        this.template = template;
        this.parts = cut(template);
    }

    public String template() {
        return template;
    }

    public String render(TicketText ticket) {
        return render(ticket.subject(), ticket.body());
    }

    /** One pass over the parts, so a subject that happens to contain "{body}" is left as typed. */
    public String render(String subject, String body) {
        StringBuilder text = new StringBuilder(subject.length() + body.length() + 16);
        for (String part : parts) {
            text.append(part == SUBJECT ? subject : part == BODY ? body : part);
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TicketTextTemplate that && template.equals(that.template);
    }

    @Override
    public int hashCode() {
        return template.hashCode();
    }

    @Override
    public String toString() {
        return template;
    }

    /** Literal text, {@link #SUBJECT} or {@link #BODY}, in order. */
    private static List<String> cut(String template) {
        List<String> parts = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        int at = 0;
        while (matcher.find()) {
            if (matcher.start() > at) {
                parts.add(template.substring(at, matcher.start()));
            }
            parts.add(matcher.group(1).equals("subject") ? SUBJECT : BODY);
            at = matcher.end();
        }
        if (at < template.length()) {
            parts.add(template.substring(at));
        }
        return List.copyOf(parts);
    }
}
