package io.tickettriage.sim.zammad;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lookup tables a fresh Zammad is seeded with (priorities, states, article types and senders, with their ids)
 * plus the configured groups. Names are what the API takes in place of ids ({@code "priority": "3 high"}).
 */
final class Catalog {

    /** One row of a lookup table. */
    record Entry(long id, String name) {
    }

    static final List<Entry> PRIORITIES = List.of(new Entry(1, "1 low"), new Entry(2, "2 normal"),
            new Entry(3, "3 high"));
    static final long DEFAULT_PRIORITY = 2;
    /** Zammad's seeded states; the ids are those of a fresh installation. */
    static final List<Entry> STATES = List.of(new Entry(1, "new"), new Entry(2, "open"),
            new Entry(3, "pending reminder"), new Entry(4, "closed"), new Entry(5, "merged"), new Entry(6, "removed"),
            new Entry(7, "pending close"));
    static final long STATE_NEW = 1;
    /** The state types behind the states above, in the same order: new, open, pending reminder, closed … */
    static final List<Long> STATE_TYPE_IDS = List.of(1L, 2L, 3L, 5L, 6L, 7L, 4L);
    static final List<Entry> ARTICLE_TYPES = List.of(new Entry(1, "email"), new Entry(5, "phone"),
            new Entry(10, "note"), new Entry(11, "web"));
    static final long TYPE_NOTE = 10;
    static final List<Entry> SENDERS = List.of(new Entry(1, "Agent"), new Entry(2, "Customer"),
            new Entry(3, "System"));
    static final long SENDER_AGENT = 1;
    static final long SENDER_CUSTOMER = 2;

    private final List<Entry> groups;

    Catalog(List<String> groupNames) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < groupNames.size(); i++) {
            entries.add(new Entry(i + 1, groupNames.get(i)));
        }
        this.groups = List.copyOf(entries);
    }

    List<Entry> groups() {
        return groups;
    }

    Entry incomingGroup() {
        return groups.get(0);
    }

    static Optional<Entry> byName(List<Entry> table, String name) {
        return table.stream().filter(entry -> entry.name().equals(name)).findFirst();
    }

    static Optional<Entry> byId(List<Entry> table, long id) {
        return table.stream().filter(entry -> entry.id() == id).findFirst();
    }

    static String name(List<Entry> table, long id) {
        return byId(table, id).map(Entry::name).orElseThrow(() -> new IllegalStateException("no entry " + id));
    }
}
