package io.tickettriage.sim;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A running help-desk simulator as the demo, the shared acceptance suite and the benchmark drive it, whichever help
 * desk it imitates. Ticket ids are the help desk's own, as text.
 */
public interface SimulatedHelpDesk extends AutoCloseable {

    /** The {@code triage.helpdesk} value whose adapter talks to this simulator. */
    String helpdesk();

    String baseUrl();

    /** Configuration that points the adapter at this simulator, with working credentials. */
    Map<String, String> adapterProperties();

    /** Configuration that makes the adapter read the tickets in pages of {@code tickets}. */
    Map<String, String> pageSize(int tickets);

    /** Every text whose appearance in a log would leak a secret: the secrets and their encodings on the wire. */
    List<String> secrets();

    /** Files a new ticket as a customer would: in the incoming queue, untriaged. Returns its id. */
    String createTicket(String subject, String body);

    /**
     * What an agent does to undo a triage: moves the ticket back to the incoming queue and removes the triage
     * marker, so that it matches the adapter's selection again (and counts as changed now).
     */
    void returnToIncoming(String id);

    /** The ticket as an agent would see it now. */
    SimulatedTicket ticket(String id);

    /**
     * An agent routes the ticket, as a person does in the help desk's own interface: gives it the queue (a name of
     * {@link DemoDesk#QUEUES}) and the priority (in {@link SimulatedTicket#priority()}'s form). Not counted among
     * ticket-triage's updates.
     */
    void agentRoutes(String id, String queue, String priority);

    /** An agent resolves or closes the ticket, which makes what it carries final. */
    void agentCloses(String id);

    /** How often each ticket's queue or priority was written successfully, by ticket id. */
    Map<String, Integer> updatesByTicket();

    /** How many answered requests read a page of tickets (a list or a search). */
    int pagesServed();

    /**
     * From now on the help desk lists the ticket with a change time that is not a time, as a faulty proxy or an API
     * change would: a record no adapter can read as a ticket. The stored ticket is unchanged.
     */
    void garbleInListings(String id);

    /** The help desk refuses the next update of this ticket as invalid, in its own way. */
    void rejectNextUpdate(String id);

    /** A part of what the adapter writes to a ticket, whichever call of the help desk's API carries it. */
    enum WritePart { NOTE, FIELDS, MARKER }

    /**
     * The next {@code count} calls that write {@code part} of a ticket meet the fault (see {@link Fault.Kind}; for
     * a help desk whose one call writes several parts, that call). {@code status} as {@link Fault} takes it.
     */
    void faultWrites(WritePart part, Fault.Kind kind, int status, int count);

    /** The next {@code count} requests that read a page of tickets (a list or a search) meet the fault. */
    void faultPages(Fault.Kind kind, int status, int count);

    /** From now on every request that no scripted fault matches may meet a random fault drawn from {@code mix}. */
    void mixFaults(FaultMix mix);

    /**
     * Lists a record as a ticket whose raw JSON is {@code json}, as a help desk with a broken field or a hostile
     * payload would: the adapter must keep it as a dead letter and go on. Its id as the record gives it.
     */
    void listRawRecord(String json);

    /** Adds a tag to the ticket as a customer's workflow would (the adapter must keep it, untouched). */
    void addCustomerTag(String id, String tag);

    /**
     * Adds a tag where the adapter writes the tags it predicts, as a customer's workflow would (the adapter must keep
     * it): the ticket's tags where the help desk has tags; where it has none, the field the demo desk configures for
     * them. {@link SimulatedTicket#tags()} shows it.
     */
    default void addCustomerTagWhereTagsGo(String id, String tag) {
        addCustomerTag(id, tag);
    }

    /** From now on every answer waits {@code delay} before it is sent, as a busy help desk does. */
    void slowDown(java.time.Duration delay);

    /** Until {@link #restoreCredentials()}, every request is refused as unauthenticated, as the help desk does. */
    void revokeCredentials();

    void restoreCredentials();

    /** Every request received, in order, with the status it was answered with. */
    List<RecordedRequest> requests();

    /**
     * A command line that shows the tickets, for the demo's banner.
     *
     * @param secretFile a file that holds {@code secrets().get(0)}, which the command reads rather than shows
     */
    String howToLook(Path secretFile);

    @Override
    void close();
}
