package io.tickettriage.adapter.freshdesk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Freshdesk's rules for a tag: checked before a bad configured tag fails every update, and applied to listed tags. */
final class FreshdeskTags {

    static final int MAX_LENGTH = 32;
    private static final Logger LOG = LoggerFactory.getLogger(FreshdeskTags.class);

    private FreshdeskTags() {
    }

    static boolean isValid(String tag) {
        return tag != null && !tag.isBlank() && tag.length() <= MAX_LENGTH && !tag.contains(",");
    }

    static void requireValid(String tag) {
        if (!isValid(tag)) {
            throw new IllegalArgumentException("Freshdesk tag '" + tag + "' is not valid: it must be 1.."
                    + MAX_LENGTH + " characters without commas");
        }
    }

    /**
     * The tags of a ticket's JSON {@code tags}, or empty when that is not a list (then nothing is known of them).
     * A value that is not a string cannot be a tag, and Freshdesk refuses an update that carries one back: such
     * values are dropped, with one WARN line for the ticket.
     */
    static Optional<List<String>> of(JsonNode tags, String ticketId) {
        if (tags == null || !tags.isArray()) {
            return Optional.empty();
        }
        List<String> strings = new ArrayList<>();
        int dropped = 0;
        for (JsonNode tag : tags) {
            if (tag.isTextual()) {
                strings.add(tag.asText());
            } else {
                dropped++;
            }
        }
        if (dropped > 0) {
            LOG.warn("Freshdesk ticket {} lists {} tag value(s) that are not strings: they cannot be tags (Freshdesk "
                    + "refuses them in an update), so they are dropped and its other tags kept", ticketId, dropped);
        }
        return Optional.of(List.copyOf(strings));
    }
}
