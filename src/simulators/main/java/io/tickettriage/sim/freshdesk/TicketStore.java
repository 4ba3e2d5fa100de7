package io.tickettriage.sim.freshdesk;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The simulated account's tickets, notes and contacts. One lock guards everything: requests are tiny and rare
 * compared with what a lock can take, and a single lock keeps ids, timestamps and contents consistent.
 */
final class TicketStore {

    /** The agent the API key belongs to: the author of notes that don't name a user_id. */
    static final long API_AGENT_ID = 501_000_000_001L;

    // Realistic starting points, so that clients never get away with assuming small or overlapping ids. The notes
    // show 64-bit user ids such as 501000283279.
    private static final long FIRST_TICKET_ID = 1001;
    private static final long FIRST_NOTE_ID = 43_000_000_001L;
    private static final long FIRST_CONTACT_ID = 501_000_100_001L;

    private final Clock clock;
    private final TreeMap<Long, Ticket> tickets = new TreeMap<>();
    private final Map<Long, List<Note>> notesByTicket = new HashMap<>();
    private final Map<String, Long> contactIdsByEmail = new HashMap<>();
    private long nextTicketId = FIRST_TICKET_ID;
    private long nextNoteId = FIRST_NOTE_ID;
    private long nextContactId = FIRST_CONTACT_ID;

    TicketStore(Clock clock) {
        this.clock = clock;
    }

    /** Creates a ticket from Freshdesk's defaults with {@code change} applied on top. */
    synchronized Ticket create(Consumer<Ticket.Builder> change) {
        Ticket.Builder builder = Ticket.builder(nextTicketId, now());
        change.accept(builder);
        Ticket ticket = commit(builder);
        nextTicketId++; // only now, so that a change that throws doesn't leave a gap in the ids
        return ticket;
    }

    /** Applies {@code change} and stamps updated_at; empty when there is no such ticket. */
    synchronized Optional<Ticket> update(long id, Consumer<Ticket.Builder> change) {
        Ticket current = tickets.get(id);
        if (current == null) {
            return Optional.empty();
        }
        Ticket.Builder builder = current.toBuilder();
        change.accept(builder);
        builder.updatedAt = now();
        return Optional.of(commit(builder));
    }

    synchronized Optional<Ticket> find(long id) {
        return Optional.ofNullable(tickets.get(id));
    }

    /** All tickets, ordered by id. */
    synchronized List<Ticket> all() {
        return List.copyOf(tickets.values());
    }

    /** Adds a note; empty when there is no such ticket. The ticket itself is left untouched (see FreshdeskApi). */
    synchronized Optional<Note> addNote(long ticketId, Note.Content content) {
        if (!tickets.containsKey(ticketId)) {
            return Optional.empty();
        }
        Note note = new Note(nextNoteId++, ticketId, content, now());
        notesByTicket.computeIfAbsent(ticketId, id -> new ArrayList<>()).add(note);
        return Optional.of(note);
    }

    /** The ticket's notes in the order they were added; empty when there is no such ticket. */
    synchronized Optional<List<Note>> notes(long ticketId) {
        if (!tickets.containsKey(ticketId)) {
            return Optional.empty();
        }
        return Optional.of(List.copyOf(notesByTicket.getOrDefault(ticketId, List.of())));
    }

    synchronized OptionalLong contactId(String email) {
        Long id = contactIdsByEmail.get(normalise(email));
        return id == null ? OptionalLong.empty() : OptionalLong.of(id);
    }

    synchronized boolean hasContact(long contactId) {
        return contactIdsByEmail.containsValue(contactId);
    }

    private Ticket commit(Ticket.Builder builder) {
        if (builder.requesterEmail != null) {
            // Freshdesk creates a contact for an address it doesn't know yet.
            builder.requesterId = contactIdsByEmail.computeIfAbsent(normalise(builder.requesterEmail),
                    email -> nextContactId++);
            builder.requesterEmail = null;
        }
        Ticket ticket = builder.build();
        tickets.put(ticket.id(), ticket);
        return ticket;
    }

    /** Timestamps leave the API at second precision, so they are stored that way and compare as clients see them. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String normalise(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
