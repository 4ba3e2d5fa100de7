package io.tickettriage.triage;

import io.tickettriage.classify.TicketText;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A help-desk ticket as every adapter hands it to the pipeline: the contract between an adapter's fetch side and the
 * classifier. Adapters fill it from their own API; nothing downstream knows which help desk it came from.
 *
 * @param system    adapter name, e.g. {@code freshdesk}; part of the idempotency key so two desks never collide
 * @param id        the help desk's own ticket id
 * @param subject   may be empty, never null
 * @param body      plain text (adapters turn HTML into text), may be empty, never null; cut at
 *                  {@value #MAX_BODY_CHARS} characters
 * @param tags      the ticket's current tags, which an update must keep
 * @param updatedAt the help desk's last-modified time, which drives the polling watermark
 * @param tagsKnown false when the help desk sent the ticket's tags in a shape that is no list of tags: {@code tags}
 *                  is then empty, and an update that would replace the tags must leave them alone instead
 */
public record Ticket(String system, String id, String subject, String body, List<String> tags, Instant updatedAt,
                     boolean tagsKnown) {

    /**
     * Longest body kept. Models read far less (the bundled one 20,000 characters), and a poll holds its whole batch
     * in memory, so a pasted 1 MB log must not be kept whole.
     */
    public static final int MAX_BODY_CHARS = 50_000;

    public Ticket {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(id, "id");
        subject = subject == null ? "" : subject;
        body = body == null ? "" : body.length() > MAX_BODY_CHARS ? body.substring(0, MAX_BODY_CHARS) : body;
        tags = tags == null ? List.of() : List.copyOf(tags);
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A ticket whose tags are {@code tags}. */
    public Ticket(String system, String id, String subject, String body, List<String> tags, Instant updatedAt) {
        this(system, id, subject, body, tags, updatedAt, true);
    }

    /** What a model reads of this ticket. */
    public TicketText text() {
        return new TicketText(subject, body);
    }

    /** The key under which the triaged-ticket store remembers this ticket. */
    public String key() {
        return key(system, id);
    }

    /** The key of the ticket {@code id} of {@code system}, for those that know a ticket by its id alone. */
    public static String key(String system, String id) {
        return system + ":" + id;
    }
}
