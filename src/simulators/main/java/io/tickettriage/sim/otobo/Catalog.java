package io.tickettriage.sim.otobo;

import io.tickettriage.sim.DemoDesk;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The simulated system's configuration data: queues, states, priorities, locks, types and ticket dynamic fields, with
 * OTOBO's default ids and names (a fresh install has Postmaster, Raw, Junk and Misc; priorities "1 very low" to "5
 * very high"; states new, closed successful …) plus the Nordlicht Systems demo queues.
 */
final class Catalog {

    /** A queue, priority, lock or ticket type. */
    record Entry(int id, String name) {
    }

    /**
     * @param type the state type: new, open, closed, pending reminder, pending auto, removed, merged
     */
    record State(int id, String name, String type) {

        /** OTOBO's "Viewable" state types, which StateType=Open selects. */
        boolean viewable() {
            return List.of("new", "open", "pending reminder", "pending auto").contains(type);
        }
    }

    /** A ticket dynamic field; {@code multiselect} fields hold a list of values, the others one. */
    record DynamicField(int id, String name, boolean multiselect) {
    }

    static final String INCOMING_QUEUE = "Raw";

    private final List<Entry> queues;
    private final List<State> states = List.of(new State(1, "new", "new"),
            new State(2, "closed successful", "closed"), new State(3, "closed unsuccessful", "closed"),
            new State(4, "open", "open"), new State(5, "removed", "removed"),
            new State(6, "pending reminder", "pending reminder"), new State(7, "pending auto close+", "pending auto"),
            new State(8, "pending auto close-", "pending auto"), new State(9, "merged", "merged"));
    private final List<Entry> priorities = List.of(new Entry(1, "1 very low"), new Entry(2, "2 low"),
            new Entry(3, "3 normal"), new Entry(4, "4 high"), new Entry(5, "5 very high"));
    private final List<Entry> locks = List.of(new Entry(1, "unlock"), new Entry(2, "lock"), new Entry(3, "tmp_lock"));
    private final List<Entry> types = List.of(new Entry(1, "Unclassified"));
    private final List<Entry> senderTypes = List.of(new Entry(1, "agent"), new Entry(2, "system"),
            new Entry(3, "customer"));
    private final List<Entry> channels = List.of(new Entry(1, "Email"), new Entry(2, "Phone"),
            new Entry(3, "Internal"), new Entry(4, "Chat"));
    private final List<DynamicField> dynamicFields;

    private Catalog(List<Entry> queues, List<DynamicField> dynamicFields) {
        this.queues = List.copyOf(queues);
        this.dynamicFields = List.copyOf(dynamicFields);
    }

    /** The demo desk's multiselect dynamic field for the tags a model adds. */
    public static final String TAGS_FIELD = "TriageTags";

    /** OTOBO's default queues, the Nordlicht Systems queues, and the three dynamic fields the triage adapter writes. */
    static Catalog demo(String confidenceField, String markerField) {
        List<Entry> queues = new ArrayList<>(List.of(new Entry(1, "Postmaster"), new Entry(2, INCOMING_QUEUE),
                new Entry(3, "Junk"), new Entry(4, "Misc")));
        for (String name : DemoDesk.QUEUES) {
            queues.add(new Entry(queues.size() + 1, name));
        }
        return new Catalog(queues, List.of(new DynamicField(1, confidenceField, false),
                new DynamicField(2, markerField, true), new DynamicField(3, TAGS_FIELD, true)));
    }

    List<Entry> queues() {
        return queues;
    }

    List<State> states() {
        return states;
    }

    List<DynamicField> dynamicFields() {
        return dynamicFields;
    }

    Optional<Entry> queue(String name) {
        return byName(queues, name);
    }

    Optional<Entry> queueById(String id) {
        return byId(queues, id);
    }

    Optional<State> state(String name) {
        return states.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    Optional<State> stateById(String id) {
        return states.stream().filter(s -> String.valueOf(s.id()).equals(id)).findFirst();
    }

    State state(int id) {
        return states.stream().filter(s -> s.id() == id).findFirst().orElseThrow();
    }

    Optional<Entry> priority(String name) {
        return byName(priorities, name);
    }

    Optional<Entry> priorityById(String id) {
        return byId(priorities, id);
    }

    Optional<Entry> lock(String name) {
        return byName(locks, name);
    }

    Optional<Entry> lockById(String id) {
        return byId(locks, id);
    }

    Optional<Entry> typeById(String id) {
        return byId(types, id);
    }

    Optional<Entry> type(String name) {
        return byName(types, name);
    }

    Optional<Entry> senderType(String name) {
        return byName(senderTypes, name);
    }

    Optional<Entry> senderTypeById(String id) {
        return byId(senderTypes, id);
    }

    Optional<Entry> channel(String name) {
        return byName(channels, name);
    }

    Optional<Entry> channelById(String id) {
        return byId(channels, id);
    }

    Optional<DynamicField> dynamicField(String name) {
        return dynamicFields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    static String name(List<Entry> entries, int id) {
        return entries.stream().filter(e -> e.id() == id).map(Entry::name).findFirst().orElseThrow();
    }

    String queueName(int id) {
        return name(queues, id);
    }

    String priorityName(int id) {
        return name(priorities, id);
    }

    String lockName(int id) {
        return name(locks, id);
    }

    String typeName(int id) {
        return name(types, id);
    }

    String senderTypeName(int id) {
        return name(senderTypes, id);
    }

    private static Optional<Entry> byName(List<Entry> entries, String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    private static Optional<Entry> byId(List<Entry> entries, String id) {
        return entries.stream().filter(e -> String.valueOf(e.id()).equals(id)).findFirst();
    }
}
