package io.tickettriage.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tickettriage.triage.Ticket;
import io.tickettriage.triage.TriageDecision;
import io.tickettriage.triage.TriageStatistics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import io.tickettriage.adapter.HelpDeskApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every ticket that failed for good as one JSON file in a folder, where an operator can read it, fix the cause
 * and move the ticket back into the help desk's triage selection. Secrets are redacted before anything is written.
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

    private final Path directory;
    private final SecretRedactor redactor;
    private final TriageStatistics statistics;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Set<String> keptVersions = ConcurrentHashMap.newKeySet();

    public DeadLetterStore(Path directory, SecretRedactor redactor, TriageStatistics statistics, Clock clock) {
        this.directory = directory;
        this.redactor = redactor;
        this.statistics = statistics;
        this.clock = clock;
        keptVersions.addAll(readKeptVersions(directory));
    }

    /** False for a ticket whose very version already failed for good: retrying it could only fail again. */
    public boolean isNew(Ticket ticket) {
        return !keptVersions.contains(version(ticket.key(), ticket.updatedAt().toString()));
    }

    private static String version(String key, String updatedAt) {
        return key + "@" + updatedAt;
    }

    private Set<String> readKeptVersions(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Set.of();
        }
        Set<String> versions = new HashSet<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode letter = json.readTree(file.toFile());
                if (letter.hasNonNull("ticket") && letter.hasNonNull("ticketUpdatedAt")) {
                    versions.add(version(letter.get("ticket").asText(), letter.get("ticketUpdatedAt").asText()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dead letters in " + folder.toAbsolutePath(), e);
        }
        return versions;
    }

    /** Camel entry point: the body is the ticket (or its decision) and the caught exception says why it failed. */
    public void store(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Object body = exchange.getMessage().getBody();
        Ticket ticket = body instanceof TriageDecision d ? d.ticket() : body instanceof Ticket t ? t : null;
        Path file = store(ticket, cause);
        statistics.failed();
        LOG.error("Ticket {} failed for good and is kept in {}: {}",
                ticket == null ? "(none)" : ticket.key(), file, redactor.redact(describe(cause)));
    }

    private void putResponse(Map<String, Object> entry, int status, String response) {
        entry.put("httpStatus", status);
        entry.put("response", redactor.redact(response == null || response.length() <= MAX_RESPONSE_CHARS
                ? response : response.substring(0, MAX_RESPONSE_CHARS) + "…"));
    }

    Path store(Ticket ticket, Throwable cause) {
        Instant now = clock.instant();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("ticket", ticket == null ? null : ticket.key());
        entry.put("subject", ticket == null ? null : ticket.subject());
        entry.put("ticketUpdatedAt", ticket == null ? null : ticket.updatedAt().toString());
        entry.put("failedAt", now.toString());
        entry.put("error", redactor.redact(describe(cause)));
        if (cause instanceof HttpOperationFailedException http) {
            putResponse(entry, http.getStatusCode(), http.getResponseBody());
        } else if (cause instanceof HelpDeskApiException refusal) {
            putResponse(entry, refusal.getStatusCode(), refusal.getResponseBody());
        }
        String name = FILE_TIME.format(now) + "-" + (ticket == null ? "poll" : ticket.key().replace(':', '-'))
                + ".json";
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(name);
            json.writeValue(file.toFile(), entry);
            if (ticket != null) {
                keptVersions.add(version(ticket.key(), ticket.updatedAt().toString()));
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write dead letter to " + directory.toAbsolutePath(), e);
        }
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown failure";
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
