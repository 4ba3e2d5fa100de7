package io.tickettriage.triage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A record the help desk listed as a ticket but an adapter could not read (no id, a change time that is not a time):
 * it cannot be triaged, and it must not vanish either, so it goes to the dead-letter store as it arrived.
 *
 * @param system    adapter name, e.g. {@code freshdesk}
 * @param reference the record's id as text when it has a readable one, else empty
 * @param content   the record as the help desk sent it, cut at {@value #MAX_CONTENT_CHARS} characters
 * @param reason    why it could not be read
 */
public record UnreadableTicket(String system, String reference, String content, String reason) {

    static final int MAX_CONTENT_CHARS = 4_000;

    public UnreadableTicket {
        Objects.requireNonNull(system, "system");
        reference = reference == null ? "" : reference.strip();
        content = content == null ? "" : content.length() > MAX_CONTENT_CHARS
                ? content.substring(0, MAX_CONTENT_CHARS) + "…" : content;
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * Names this record across polls, so the same unreadable record listed again is the same dead letter: by its id
     * when it has one (its other fields may change, OTOBO's {@code Age} every second), else by its content.
     */
    public String key() {
        if (!reference.isEmpty()) {
            return system + ":unreadable-" + reference;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return system + ":unreadable-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
