package io.tickettriage.sim.freshdesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.function.BiPredicate;
import java.util.stream.StreamSupport;

/** Validation of a {@code POST /api/v2/tickets/{id}/notes} body. */
final class NoteFields {

    private NoteFields() {
    }

    static Note.Content parse(ObjectNode body) {
        FieldErrors errors = new FieldErrors();
        // attachments and attachment_ids are accepted as Freshdesk does, but the simulator stores no attachments.
        Map<String, BiPredicate<String, JsonNode>> checks = Map.of(
                "body", errors::expectString,
                "private", errors::expectBoolean,
                "incoming", errors::expectBoolean,
                "user_id", errors::expectInteger,
                "notify_emails", errors::expectStrings,
                "attachments", errors::expectArray,
                "attachment_ids", errors::expectArray);
        FieldErrors.rejectUnknownFields(body, checks.keySet());
        if (!body.has("body")) {
            errors.missing("body");
        }
        body.properties().forEach(field -> checks.get(field.getKey()).test(field.getKey(), field.getValue()));
        errors.throwIfAny();
        return new Note.Content(
                body.get("body").asText(),
                body.path("private").asBoolean(true), // "The default value is true."
                body.path("incoming").asBoolean(false),
                body.has("user_id") ? body.get("user_id").asLong() : TicketStore.API_AGENT_ID,
                StreamSupport.stream(body.path("notify_emails").spliterator(), false).map(JsonNode::asText).toList());
    }
}
