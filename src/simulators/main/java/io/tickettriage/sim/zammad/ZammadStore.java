package io.tickettriage.sim.zammad;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The simulated desk's tickets, articles, tags and users. One lock guards everything, so that a ticket update and
 * the article that rides along with it happen together or not at all, as in Zammad's {@code with_lock} transaction.
 */
final class ZammadStore {

    static final long SYSTEM_USER = 1;
    /** A person working in Zammad's own interface, not the user ticket-triage acts as. */
    static final long DESK_AGENT = 2;
    /** The user behind the API token or Basic login. */
    static final long API_AGENT = 3;

    // A desk with some history: ticket, article and customer ids do not coincide, so mixing them up shows.
    private static final long FIRST_TICKET_ID = 101;
    private static final long FIRST_ARTICLE_ID = 501;
    private static final long FIRST_CUSTOMER_ID = 11;
    private static final long FIRST_NUMBER = 31_001;

    private final Clock clock;
    private final TreeMap<Long, StoredTicket> tickets = new TreeMap<>();
    private final Map<Long, List<StoredArticle>> articles = new HashMap<>();
    private final Map<Long, List<String>> tags = new HashMap<>();
    private final TreeMap<Long, StoredUser> users = new TreeMap<>();
    private long nextTicketId = FIRST_TICKET_ID;
    private long nextArticleId = FIRST_ARTICLE_ID;
    private long nextCustomerId = FIRST_CUSTOMER_ID;
    private long nextNumber = FIRST_NUMBER;
    private Instant lastStamp = Instant.EPOCH;
    private final Duration indexLag;
    private final SplittableRandom lagDraws;
    /** Per ticket, the versions the search index has been or will be given, each visible from its time on. */
    private final Map<Long, List<IndexedVersion>> index = new HashMap<>();
    private final Map<Long, Integer> fieldUpdates = new HashMap<>();

    /**
     * A ticket as the search index holds it once {@code visibleAt} has come: the ticket, its tags and its article
     * count as they were when the change was made.
     */
    record IndexedVersion(StoredTicket ticket, List<String> tags, int articleCount, Instant visibleAt) {
    }

    ZammadStore(Clock clock, String agentLogin) {
        this(clock, agentLogin, Duration.ZERO, 0);
    }

    /**
     * @param indexLag the longest a change takes to reach the search index; each change draws its own delay from
     *                 0 to this, so the index catches up out of order. Zero: the search sees every change at once.
     */
    ZammadStore(Clock clock, String agentLogin, Duration indexLag, long seed) {
        this.clock = clock;
        this.indexLag = indexLag;
        this.lagDraws = new SplittableRandom(seed);
        users.put(SYSTEM_USER, new StoredUser(SYSTEM_USER, "-", "-", "", ""));
        users.put(DESK_AGENT, new StoredUser(DESK_AGENT, "agent@desk.example", "Desk", "Agent",
                "agent@desk.example"));
        users.put(API_AGENT, new StoredUser(API_AGENT, agentLogin, "Triage", "Agent", agentLogin));
    }

    /** A customer's ticket with its first article; the caller has resolved every name to an id. */
    synchronized StoredTicket create(String title, long groupId, long stateId, long priorityId, long articleTypeId,
                                     String contentType, String body, String customerEmail, List<String> initialTags,
                                     Optional<Instant> at) {
        Instant time = at.map(t -> t.truncatedTo(ChronoUnit.MILLIS)).orElseGet(this::now);
        long customer = customer(customerEmail);
        StoredTicket ticket = new StoredTicket(nextTicketId++, String.valueOf(nextNumber++), title, groupId,
                priorityId, stateId, SYSTEM_USER, customer, articleTypeId, Catalog.SENDER_CUSTOMER, customer,
                customer, time, time);
        tickets.put(ticket.id(), ticket);
        List<StoredArticle> list = new ArrayList<>();
        list.add(new StoredArticle(nextArticleId++, ticket.id(), articleTypeId, Catalog.SENDER_CUSTOMER,
                users.get(customer).email(), "", title, contentType, body, false, customer, time));
        articles.put(ticket.id(), list);
        List<String> ticketTags = new ArrayList<>();
        initialTags.forEach(tag -> addTagTo(ticketTags, tag));
        tags.put(ticket.id(), ticketTags);
        indexed(ticket.id());
        return ticket;
    }

    /** Hands the ticket's current state to the (simulated) search index, which shows it after the index lag. */
    private void indexed(long id) {
        if (indexLag.isZero()) {
            return;
        }
        Instant visible = clock.instant().plusMillis(lagDraws.nextLong(indexLag.toMillis() + 1));
        index.computeIfAbsent(id, key -> new ArrayList<>()).add(new IndexedVersion(tickets.get(id),
                List.copyOf(tags.get(id)), articles.get(id).size(), visible));
    }

    /**
     * What the search index holds now, by ticket id: each ticket's newest version that has become visible (an
     * older one that becomes visible later does not replace it). Without index lag, every ticket as it is.
     */
    synchronized List<IndexedVersion> searchIndex() {
        List<IndexedVersion> visible = new ArrayList<>();
        Instant now = clock.instant();
        for (StoredTicket ticket : tickets.values()) {
            if (indexLag.isZero()) {
                visible.add(new IndexedVersion(ticket, List.copyOf(tags.get(ticket.id())),
                        articles.get(ticket.id()).size(), ticket.updatedAt()));
                continue;
            }
            List<IndexedVersion> versions = index.getOrDefault(ticket.id(), List.of());
            for (int i = versions.size() - 1; i >= 0; i--) {
                if (!versions.get(i).visibleAt().isAfter(now)) {
                    visible.add(versions.get(i));
                    break;
                }
            }
        }
        return visible;
    }

    synchronized Optional<StoredTicket> find(long id) {
        return Optional.ofNullable(tickets.get(id));
    }

    /** Every ticket, ordered by id. */
    synchronized List<StoredTicket> all() {
        return List.copyOf(tickets.values());
    }

    /**
     * Applies an update and, when given, adds its article, as one step; updated_at moves on every update.
     *
     * @return empty when there is no such ticket
     */
    synchronized Optional<StoredTicket> update(long id, StoredTicket.Change change, Optional<ArticleDraft> article) {
        StoredTicket current = tickets.get(id);
        if (current == null) {
            return Optional.empty();
        }
        Instant now = now();
        StoredTicket updated = current.apply(change, API_AGENT, now);
        if (change.groupId() != null || change.priorityId() != null) {
            fieldUpdates.merge(id, 1, Integer::sum);
        }
        tickets.put(id, updated);
        article.ifPresent(draft -> articles.get(id).add(new StoredArticle(nextArticleId++, id, draft.typeId(),
                draft.senderId(), users.get(API_AGENT).email(), "", draft.subject(), draft.contentType(),
                draft.body(), draft.internal(), API_AGENT, now)));
        indexed(id);
        return Optional.of(updated);
    }

    /**
     * A person's change in Zammad's own interface: updated_at moves and updated_by is that person, and it is none of
     * the API's updates ({@link #fieldUpdates()}).
     *
     * @return false when there is no such ticket
     */
    synchronized boolean agentChange(long id, StoredTicket.Change change) {
        StoredTicket current = tickets.get(id);
        if (current == null) {
            return false;
        }
        tickets.put(id, current.apply(change, DESK_AGENT, now()));
        indexed(id);
        return true;
    }

    /**
     * Adds an article to the ticket ({@code POST /api/v1/ticket_articles}), which touches it.
     *
     * @return empty when there is no such ticket
     */
    synchronized Optional<StoredArticle> addArticle(long ticketId, ArticleDraft draft) {
        StoredTicket current = tickets.get(ticketId);
        if (current == null) {
            return Optional.empty();
        }
        Instant now = now();
        StoredArticle article = new StoredArticle(nextArticleId++, ticketId, draft.typeId(), draft.senderId(),
                users.get(API_AGENT).email(), "", draft.subject(), draft.contentType(), draft.body(),
                draft.internal(), API_AGENT, now);
        articles.get(ticketId).add(article);
        tickets.put(ticketId, current.touched(API_AGENT, now));
        indexed(ticketId);
        return Optional.of(article);
    }

    /**
     * How often an update set each ticket's group or priority, by ticket id: every update that was applied, whether
     * or not its answer reached the client.
     */
    synchronized Map<Long, Integer> fieldUpdates() {
        return Map.copyOf(fieldUpdates);
    }

    /** The ticket's articles, oldest first; empty for an unknown ticket. */
    synchronized List<StoredArticle> articles(long ticketId) {
        return List.copyOf(articles.getOrDefault(ticketId, List.of()));
    }

    /** The ticket's tags in the order they were added; empty for an unknown ticket. */
    synchronized List<String> tags(long ticketId) {
        return List.copyOf(tags.getOrDefault(ticketId, List.of()));
    }

    /**
     * Adds a tag unless the ticket has it already (compared without case, as Zammad's tag items are); either way the
     * ticket counts as changed, as Zammad touches it.
     *
     * @return false when there is no such ticket
     */
    synchronized boolean addTag(long ticketId, String item) {
        if (!tickets.containsKey(ticketId)) {
            return false;
        }
        addTagTo(tags.get(ticketId), item);
        tickets.put(ticketId, tickets.get(ticketId).touched(API_AGENT, now()));
        indexed(ticketId);
        return true;
    }

    /** @return false when there is no such ticket */
    synchronized boolean removeTag(long ticketId, String item) {
        if (!tickets.containsKey(ticketId)) {
            return false;
        }
        tags.get(ticketId).removeIf(tag -> tag.equalsIgnoreCase(item.strip()));
        tickets.put(ticketId, tickets.get(ticketId).touched(API_AGENT, now()));
        indexed(ticketId);
        return true;
    }

    /**
     * What an agent does to undo a triage: the ticket back in {@code group} without any tags, changed now.
     *
     * @return false when there is no such ticket
     */
    synchronized boolean reset(long ticketId, long group) {
        StoredTicket ticket = tickets.get(ticketId);
        if (ticket == null) {
            return false;
        }
        tags.get(ticketId).clear();
        tickets.put(ticketId, ticket.apply(new StoredTicket.Change(null, group, null, null), API_AGENT, now()));
        indexed(ticketId);
        return true;
    }

    synchronized StoredUser user(long id) {
        StoredUser user = users.get(id);
        if (user == null) {
            throw new IllegalStateException("no user " + id);
        }
        return user;
    }

    private static void addTagTo(List<String> list, String item) {
        String tag = item.strip();
        if (list.stream().noneMatch(existing -> existing.equalsIgnoreCase(tag))) {
            list.add(tag);
        }
    }

    private long customer(String email) {
        String address = email.strip().toLowerCase(Locale.ROOT);
        return users.values().stream().filter(user -> user.email().equals(address)).findFirst()
                .map(StoredUser::id)
                .orElseGet(() -> {
                    long id = nextCustomerId++;
                    users.put(id, new StoredUser(id, address, "", "", address));
                    return id;
                });
    }

    /**
     * Zammad stamps with millisecond precision; two writes in one millisecond are rare enough on a real server that
     * the simulator keeps its stamps strictly increasing, also under a test clock that stands still.
     */
    private Instant now() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        lastStamp = now.isAfter(lastStamp) ? now : lastStamp.plusMillis(1);
        return lastStamp;
    }

    /** An article an update adds, with every name already resolved. */
    record ArticleDraft(long typeId, long senderId, String subject, String contentType, String body,
                        boolean internal) {
    }
}
