package io.tickettriage.sim.otobo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ticket row with its articles, dynamic field values and history. Mutable, and only ever touched inside a
 * {@link Desk#transaction}: the operations read and change tickets the way OTOBO's ticket object does, one attribute
 * at a time, and the desk's single lock keeps each request atomic.
 */
final class DeskTicket {

    /** An article; {@code visibleForCustomer} false is an internal note. */
    record Article(long id, int number, int senderTypeId, boolean visibleForCustomer, int channelId, String from,
                   String to, String subject, String body, String mimeType, String charset, Instant created) {
    }

    /** A ticket_history row: what TicketChangeTime* searches match, unlike the ticket's change_time. */
    record HistoryEntry(String type, Instant created) {
    }

    final long id;
    final String number;
    String title;
    int queueId;
    int stateId;
    int priorityId;
    int lockId = 1;
    final int typeId = 1;
    final String customerUserId;
    final Instant created;
    Instant changed;
    final List<Article> articles = new ArrayList<>();
    /** Values by field name; a text field holds one value, a multiselect field several. */
    final Map<String, List<String>> dynamicFields = new LinkedHashMap<>();
    final List<HistoryEntry> history = new ArrayList<>();

    DeskTicket(long id, String number, String title, int queueId, int stateId, int priorityId, String customerUserId,
               Instant created) {
        this.id = id;
        this.number = number;
        this.title = title;
        this.queueId = queueId;
        this.stateId = stateId;
        this.priorityId = priorityId;
        this.customerUserId = customerUserId;
        this.created = created;
        this.changed = created;
    }

    /** A change that OTOBO stamps into the ticket's change_time as well as into its history. */
    void changed(String historyType, Instant now) {
        changed = now;
        history.add(new HistoryEntry(historyType, now));
    }
}
