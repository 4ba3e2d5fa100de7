package io.tickettriage.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tickettriage.triage.HelpDeskApiException;
import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.TicketBatch;
import io.tickettriage.triage.TriageDecision;
import io.tickettriage.triage.UnreadableTicket;
import io.tickettriage.triage.WritePlan;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every ticket that failed for good as one JSON letter on a {@link DeadLetterShelf} (a file in a folder, or a
 * row of the state database), where an operator can read it, fix the cause and move the ticket back into the help
 * desk's triage selection. Secrets are redacted before anything is written or logged, and so is personal data (e-mail
 * addresses, phone numbers, IBANs) when {@code triage.redaction.enabled} is on.
 *
 * <p>It also remembers which version of each ticket (its {@code updatedAt}) it holds, across restarts, so that a
 * help desk that lists the same unchanged ticket again (a watermark is inclusive) does not make it fail, and be kept,
 * once per poll. Any change to the ticket, such as an agent moving it back, makes it new again.
 */
public final class DeadLetterStore {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterStore.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int MAX_RESPONSE_CHARS = 4_000;
    private static final int MAX_NAME_CHARS = 80;

    private final DeadLetterShelf shelf;
    /** Applied to every text of a letter or a log line that can quote the ticket or the help desk's answer. */
    private final UnaryOperator<String> redactor;
    private final Clock clock;
    /** Told of every letter kept, for the desk's counts. */
    private final Runnable kept;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** @param kept told of every letter kept (a ticket, or a record the help desk listed), for the desk's counts */
    public DeadLetterStore(DeadLetterShelf shelf, UnaryOperator<String> redactor, Clock clock, Runnable kept) {
        this.shelf = shelf;
        this.redactor = redactor;
        this.clock = clock;
        this.kept = kept;
    }

    /** Keeps each record of the batch that is not a readable ticket, once across polls; hands the batch back. */
    public TicketBatch keepUnreadable(TicketBatch batch) {
        batch.unreadable().stream().filter(this::isNewRecord).forEach(this::keepRecord);
        return batch;
    }

    /** False for a record listed before that is kept already: the same record listed again is not kept again. */
    private boolean isNewRecord(UnreadableTicket record) {
        return !shelf.holds(record.key());
    }

    /** Keeps a record the help desk listed that could not be read as a ticket, as it arrived. */
    private void keepRecord(UnreadableTicket record) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("ticket", record.key());
        entry.put("failedAt", clock.instant().toString());
        entry.put("error", redactor.apply("the help desk listed a record that is not a readable ticket: "
                + record.reason()));
        entry.put("content", redactor.apply(record.content()));
        String file = write(record.key(), record.key(), entry);
        LOG.error("The help desk listed a record ticket-triage cannot read as a ticket; it is kept in {}: {}",
                file, redactor.apply(record.reason()));
    }

    /** False for a ticket whose very version already failed for good: retrying it could only fail again. */
    public boolean isNew(Ticket ticket) {
        return !shelf.holds(version(ticket.key(), ticket.updatedAt().toString()));
    }

    private static String version(String key, String updatedAt) {
        return key + "@" + updatedAt;
    }

    /** What a kept letter is found by, read back from the letter itself: its ticket version, or its record's key. */
    static Optional<String> versionOf(JsonNode letter) {
        if (letter.hasNonNull("ticket") && letter.hasNonNull("ticketUpdatedAt")) {
            return Optional.of(version(letter.get("ticket").asText(), letter.get("ticketUpdatedAt").asText()));
        }
        if (letter.hasNonNull("ticket") && letter.has("content")) {
            return Optional.of(letter.get("ticket").asText());
        }
        return Optional.empty();
    }

    /** Camel entry point: the body is the ticket (or its decision) and the caught exception says why it failed. */
    public void store(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Object body = exchange.getMessage().getBody();
        String key;
        String subject;
        String version;
        if (body instanceof WritePlan plan) {
            key = plan.key();
            subject = plan.subject();
            version = plan.ticketVersion();
        } else {
            Ticket ticket = body instanceof TriageDecision d ? d.ticket() : body instanceof Ticket t ? t : null;
            key = ticket == null ? null : ticket.key();
            subject = ticket == null ? null : ticket.subject();
            version = ticket == null ? null : ticket.updatedAt().toString();
        }
        // A call the desk applied in part changed the ticket: the letter is kept under the version it has now.
        if (cause instanceof HelpDeskApiException refusal && refusal.ticketUpdatedAt().isPresent()) {
            version = refusal.ticketUpdatedAt().get().toString();
        }
        String file = store(key, subject, version, cause);
        LOG.error("Ticket {} failed for good and is kept in {}: {}", key == null ? "(none)" : key, file,
                redactor.apply(describe(cause)));
    }

    private void putResponse(Map<String, Object> entry, int status, String response) {
        entry.put("httpStatus", status);
        entry.put("response", redactor.apply(response == null || response.length() <= MAX_RESPONSE_CHARS
                ? response : response.substring(0, MAX_RESPONSE_CHARS) + "…"));
    }

    String store(Ticket ticket, Throwable cause) {
        return store(ticket == null ? null : ticket.key(), ticket == null ? null : ticket.subject(),
                ticket == null ? null : ticket.updatedAt().toString(), cause);
    }

    private String store(String key, String subject, String version, Throwable cause) {
        Instant now = clock.instant();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("ticket", key);
        entry.put("subject", redactor.apply(subject));
        entry.put("ticketUpdatedAt", version);
        entry.put("failedAt", now.toString());
        entry.put("error", redactor.apply(describe(cause)));
        if (cause instanceof HelpDeskApiException refusal) {
            putResponse(entry, refusal.getStatusCode(), refusal.getResponseBody());
        }
        return write(key == null ? "poll" : key, key != null && version != null ? version(key, version) : null, entry);
    }

    private String write(String key, String version, Map<String, Object> entry) {
        Instant now = clock.instant();
        try {
            String letter = shelf.keep(fileName(FILE_TIME.format(now), key), version, now,
                    json.writeValueAsString(entry));
            kept.run();
            return letter;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the dead letter of " + key + " as JSON", e);
        }
    }

    /**
     * A file name that is safe whatever the key holds ({@code ../../x}, NUL, 300 characters): the key's harmless
     * characters, cut short, and a hash of the whole key, so that two keys never share a file. The key itself is
     * kept, exactly, inside the file.
     */
    static String fileName(String time, String key) {
        String readable = key.replaceAll("[^A-Za-z0-9_-]+", "-");
        if (readable.length() > MAX_NAME_CHARS) {
            readable = readable.substring(0, MAX_NAME_CHARS);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return time + "-" + readable + "-" + HexFormat.of().formatHex(digest, 0, 4) + ".json";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown failure";
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
