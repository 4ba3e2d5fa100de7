package io.tickettriage.sim.otobo;

import io.tickettriage.sim.GarbledFields;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The simulated system's data: tickets and agent sessions, behind one lock. Operations run whole inside
 * {@link #transaction}, so every request sees and leaves a consistent desk.
 */
final class Desk {

    /** A GenericInterface session. OTOBO never refreshes UserLastRequest for them, so idle time runs from creation. */
    private record Session(String userLogin, Instant created) {
    }

    // Realistic starting points, so clients never get away with assuming small ids.
    private static final long FIRST_TICKET_ID = 3101;
    private static final long FIRST_ARTICLE_ID = 9001;
    private static final String SESSION_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int SESSION_ID_LENGTH = 32;
    private static final DateTimeFormatter NUMBER_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final Clock clock;
    private final ZoneId zone;
    private final Catalog catalog;
    private final Duration sessionMaxTime;
    private final Duration sessionMaxIdleTime;
    private final SecureRandom random = new SecureRandom();
    private final Map<Long, DeskTicket> tickets = new LinkedHashMap<>();
    private final Map<String, Session> sessions = new HashMap<>();
    private final Set<String> issuedSessions = new LinkedHashSet<>();
    private final GarbledFields garbled = new GarbledFields();
    private long nextTicketId = FIRST_TICKET_ID;
    private long nextArticleId = FIRST_ARTICLE_ID;

    Desk(Clock clock, ZoneId zone, Catalog catalog, Duration sessionMaxTime, Duration sessionMaxIdleTime) {
        this.clock = clock;
        this.zone = zone;
        this.catalog = catalog;
        this.sessionMaxTime = sessionMaxTime;
        this.sessionMaxIdleTime = sessionMaxIdleTime;
    }

    /** Fields TicketGet sends in place of the tickets' own. */
    GarbledFields garbled() {
        return garbled;
    }

    synchronized <T> T transaction(Supplier<T> work) {
        return work.get();
    }

    Catalog catalog() {
        return catalog;
    }

    /** The system time zone, in which OTOBO writes and reads timestamps such as "2024-08-08 14:52:23". */
    ZoneId zone() {
        return zone;
    }

    /** Timestamps are stored to the second, as OTOBO's database columns are. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * A ticket as the postmaster files a customer's mail: new, in {@code queue}, with one customer article that the
     * customer can see.
     */
    DeskTicket createCustomerTicket(String subject, String body, String from, int queueId, int priorityId) {
        Instant now = now();
        long id = nextTicketId++;
        String number = NUMBER_DATE.format(now.atZone(zone)) + "10" + String.format("%06d", id);
        DeskTicket ticket = new DeskTicket(id, number, subject, queueId, 1, priorityId, from, now);
        ticket.history.add(new DeskTicket.HistoryEntry("NewTicket", now));
        tickets.put(id, ticket);
        addArticle(ticket, catalog.senderType("customer").orElseThrow().id(), true,
                catalog.channel("Email").orElseThrow().id(), from, catalog.queueName(queueId), subject, body,
                "text/plain", "utf-8", "EmailCustomer");
        return ticket;
    }

    /**
     * Adds an article. Like OTOBO's ArticleCreate it writes a history row but leaves the ticket's change_time alone,
     * so a note makes a ticket match TicketChangeTimeNewerDate but not TicketLastChangeTimeNewerDate.
     */
    DeskTicket.Article addArticle(DeskTicket ticket, int senderTypeId, boolean visibleForCustomer, int channelId,
                                  String from, String to, String subject, String body, String mimeType, String charset,
                                  String historyType) {
        Instant now = now();
        DeskTicket.Article article = new DeskTicket.Article(nextArticleId++, ticket.articles.size() + 1, senderTypeId,
                visibleForCustomer, channelId, from, to, subject, body, mimeType, charset, now);
        ticket.articles.add(article);
        ticket.history.add(new DeskTicket.HistoryEntry(historyType, now));
        return article;
    }

    Optional<DeskTicket> ticket(String id) {
        try {
            return Optional.ofNullable(tickets.get(Long.parseLong(id)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    Optional<DeskTicket> ticketByNumber(String number) {
        return tickets.values().stream().filter(t -> t.number.equals(number)).findFirst();
    }

    /** All tickets, oldest id first. */
    List<DeskTicket> tickets() {
        return new ArrayList<>(tickets.values());
    }

    String createSession(String userLogin) {
        StringBuilder id = new StringBuilder(SESSION_ID_LENGTH);
        for (int i = 0; i < SESSION_ID_LENGTH; i++) {
            id.append(SESSION_CHARACTERS.charAt(random.nextInt(SESSION_CHARACTERS.length())));
        }
        sessions.put(id.toString(), new Session(userLogin, now()));
        issuedSessions.add(id.toString());
        return id.toString();
    }

    /** The agent a session belongs to, if the session exists and has neither idled out nor grown too old. */
    Optional<String> sessionUser(String sessionId) {
        Session session = sessions.get(sessionId);
        if (session == null) {
            return Optional.empty();
        }
        Duration age = Duration.between(session.created(), clock.instant());
        if (age.compareTo(sessionMaxIdleTime) >= 0 || age.compareTo(sessionMaxTime) >= 0) {
            return Optional.empty();
        }
        return Optional.of(session.userLogin());
    }

    /** As an admin who kills every session. */
    void removeSessions() {
        sessions.clear();
    }

    List<String> issuedSessions() {
        return List.copyOf(issuedSessions);
    }
}
