package io.tickettriage.sim.zammad;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A ticket as a customer files it: its first article and where it lands. Names are Zammad's (group, state,
 * priority, article type); {@link ZammadSimulator#createTicket} rejects names the desk does not have.
 *
 * @param title         the ticket's title, empty allowed
 * @param body          the first article's body
 * @param contentType   {@code text/html} (mail) or {@code text/plain}
 * @param articleType   {@code email}, {@code web} or {@code phone}
 * @param customerEmail the customer; a user is created for an address the desk does not know yet
 * @param group         group name; empty means the incoming group
 * @param state         state name, e.g. {@code new}
 * @param priority      priority name, e.g. {@code 2 normal}
 * @param tags          tags the ticket starts with
 * @param at            created_at and updated_at as an import would set them; empty means now
 */
public record ZammadTicketDraft(String title, String body, String contentType, String articleType,
                                String customerEmail, Optional<String> group, String state, String priority,
                                List<String> tags, Optional<Instant> at) {

    public ZammadTicketDraft {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(articleType, "articleType");
        Objects.requireNonNull(customerEmail, "customerEmail");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(priority, "priority");
        tags = List.copyOf(tags);
        Objects.requireNonNull(at, "at");
    }

    /** A customer's mail: incoming group, state new, priority 2 normal, an HTML email article. */
    public static ZammadTicketDraft email(String title, String htmlBody) {
        return new ZammadTicketDraft(title, htmlBody, "text/html", "email", "customer@example.com",
                Optional.empty(), "new", "2 normal", List.of(), Optional.empty());
    }

    /** A customer's web-form ticket: like {@link #email} but plain text through the customer portal. */
    public static ZammadTicketDraft web(String title, String textBody) {
        return new ZammadTicketDraft(title, textBody, "text/plain", "web", "customer@example.com",
                Optional.empty(), "new", "2 normal", List.of(), Optional.empty());
    }

    public ZammadTicketDraft from(String email) {
        return new ZammadTicketDraft(title, body, contentType, articleType, email, group, state, priority, tags, at);
    }

    public ZammadTicketDraft inGroup(String name) {
        return new ZammadTicketDraft(title, body, contentType, articleType, customerEmail, Optional.of(name), state,
                priority, tags, at);
    }

    public ZammadTicketDraft inState(String name) {
        return new ZammadTicketDraft(title, body, contentType, articleType, customerEmail, group, name, priority,
                tags, at);
    }

    public ZammadTicketDraft withPriority(String name) {
        return new ZammadTicketDraft(title, body, contentType, articleType, customerEmail, group, state, name, tags,
                at);
    }

    public ZammadTicketDraft withTags(List<String> newTags) {
        return new ZammadTicketDraft(title, body, contentType, articleType, customerEmail, group, state, priority,
                newTags, at);
    }

    public ZammadTicketDraft at(Instant time) {
        return new ZammadTicketDraft(title, body, contentType, articleType, customerEmail, group, state, priority,
                tags, Optional.of(time));
    }
}
