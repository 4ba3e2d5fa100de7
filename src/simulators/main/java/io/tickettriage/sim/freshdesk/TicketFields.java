package io.tickettriage.sim.freshdesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The ticket fields a create or update body may carry: how each is validated and what it changes. Validation
 * reports every bad field at once; the change it returns is applied later, under the store's lock.
 */
final class TicketFields {

    private static final int MAX_TAG_LENGTH = 32;
    // [GUESS] A plausibility check only: Freshdesk's exact email rule isn't in the notes.
    private static final Pattern EMAIL_ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+");

    /** How a field's value is checked. */
    private enum Kind {
        TEXT, NULLABLE_TEXT, EMAIL, ID, GROUP_ID, REQUESTER_ID, STATUS, PRIORITY, SOURCE, TAGS, EMAILS,
        DATE_TIME, BOOLEAN, ARRAY, CUSTOM_FIELDS
    }

    private record Field(Kind kind, boolean updatable, BiConsumer<Ticket.Builder, JsonNode> apply) {
    }

    // Accepted because Freshdesk accepts them, but without effect: the simulator models requesters by email only
    // and has no internal groups or agents, skills, trackers or attachments.
    private static final BiConsumer<Ticket.Builder, JsonNode> NOT_MODELLED = (ticket, value) -> { };

    /**
     * The notes' UPDATE_FIELDS, plus cc_emails for creates. [GUESS] The notes don't list the create fields; as they
     * single out cc_emails as not updatable, create is taken to accept the update fields plus cc_emails.
     */
    private static final Map<String, Field> FIELDS = fields();
    private static final Set<String> UPDATE_FIELDS = FIELDS.entrySet().stream()
            .filter(entry -> entry.getValue().updatable())
            .map(Map.Entry::getKey)
            .collect(Collectors.toUnmodifiableSet());

    private final Set<Long> groupIds;
    private final TicketStore store;

    TicketFields(List<SimGroup> groups, TicketStore store) {
        this.groupIds = Set.copyOf(groups.stream().map(SimGroup::id).toList());
        this.store = store;
    }

    /** Validates a {@code POST /api/v2/tickets} body. */
    Consumer<Ticket.Builder> forCreate(ObjectNode body) {
        FieldErrors.rejectUnknownFields(body, FIELDS.keySet());
        FieldErrors errors = new FieldErrors();
        for (String required : List.of("subject", "description")) {
            if (!body.has(required)) {
                errors.missing(required);
            }
        }
        if (!body.has("email") && !body.has("requester_id")) {
            // [GUESS] Freshdesk's message lists every requester identity it knows (phone, twitter_id, ...); the
            // simulator knows requesters only by email or id.
            errors.add("requester_id", "Please fill at least 1 of requester_id, email fields", "missing_field");
        }
        return validated(body, errors);
    }

    /** Validates a non-empty {@code PUT /api/v2/tickets/{id}} body. */
    Consumer<Ticket.Builder> forUpdate(ObjectNode body) {
        FieldErrors.rejectUnknownFields(body, UPDATE_FIELDS);
        return validated(body, new FieldErrors());
    }

    private Consumer<Ticket.Builder> validated(ObjectNode body, FieldErrors errors) {
        body.properties().forEach(entry -> check(entry.getKey(), entry.getValue(), errors));
        errors.throwIfAny();
        return ticket -> body.properties().forEach(
                entry -> FIELDS.get(entry.getKey()).apply().accept(ticket, entry.getValue()));
    }

    private void check(String name, JsonNode value, FieldErrors errors) {
        switch (FIELDS.get(name).kind()) {
            case TEXT -> errors.expectString(name, value);
            case NULLABLE_TEXT -> {
                if (!value.isNull()) {
                    errors.expectString(name, value);
                }
            }
            case EMAIL -> {
                if (errors.expectString(name, value) && !EMAIL_ADDRESS.matcher(value.asText().trim()).matches()) {
                    // [GUESS] Wording from the server source's invalid_format template.
                    errors.invalidValue(name, "It should be in the 'valid email address' format");
                }
            }
            case ID -> {
                if (!value.isNull()) {
                    errors.expectInteger(name, value);
                }
            }
            case GROUP_ID -> {
                if (!value.isNull() && errors.expectInteger(name, value) && !groupIds.contains(value.asLong())) {
                    errors.invalidValue(name, "There is no group matching the given group_id");
                }
            }
            case REQUESTER_ID -> {
                if (errors.expectInteger(name, value) && !store.hasContact(value.asLong())) {
                    // The notes' absent_in_db wording, applied to contacts.
                    errors.invalidValue(name, "There is no contact matching the given requester_id");
                }
            }
            case STATUS -> checkOneOf(name, value, Ticket.STATUSES, errors);
            case PRIORITY -> checkOneOf(name, value, Ticket.PRIORITIES, errors);
            case SOURCE -> errors.expectInteger(name, value);
            case TAGS -> checkTags(name, value, errors);
            case EMAILS -> errors.expectStrings(name, value);
            case DATE_TIME -> {
                if (!value.isTextual() || Timestamps.parse(value.asText()).isEmpty()) {
                    errors.invalidValue(name, Timestamps.INVALID_MESSAGE);
                }
            }
            case BOOLEAN -> errors.expectBoolean(name, value);
            case ARRAY -> errors.expectArray(name, value);
            case CUSTOM_FIELDS -> {
                if (!value.isObject()) {
                    // [GUESS] Freshdesk's name for an object type in this message.
                    errors.datatypeMismatch(name, "key/value pair");
                } else {
                    // The simulated account defines no custom fields, so every key is one Freshdesk doesn't permit.
                    value.fieldNames().forEachRemaining(
                            key -> errors.add(key, FieldErrors.INVALID_FIELD, "invalid_field"));
                }
            }
        }
    }

    private static void checkOneOf(String name, JsonNode value, List<Integer> allowed, FieldErrors errors) {
        if (errors.expectInteger(name, value) && !allowed.contains(value.asInt())) {
            errors.notIncluded(name, allowed);
        }
    }

    private static void checkTags(String name, JsonNode value, FieldErrors errors) {
        if (!errors.expectStrings(name, value)) {
            return;
        }
        List<String> tags = StreamSupport.stream(value.spliterator(), false).map(JsonNode::asText).toList();
        // [GUESS] Both wordings come from the server source's message templates (array_too_long,
        // special_chars_present); the notes give only the rules.
        if (tags.stream().anyMatch(tag -> tag.length() > MAX_TAG_LENGTH)) {
            errors.invalidValue(name,
                    "It should only contain elements that have maximum of " + MAX_TAG_LENGTH + " characters");
        }
        if (tags.stream().anyMatch(tag -> tag.contains(","))) {
            errors.invalidValue(name, "It should not have strings containing the special characters: ','");
        }
    }

    /** As Freshdesk stores tags: trimmed, blanks dropped, duplicates dropped ignoring case (first spelling wins). */
    private static List<String> normaliseTags(JsonNode tags) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> kept = new ArrayList<>();
        for (JsonNode tag : tags) {
            String text = tag.asText().trim();
            if (!text.isEmpty() && seen.add(text.toLowerCase(Locale.ROOT))) {
                kept.add(text);
            }
        }
        return kept;
    }

    private static Long nullableLong(JsonNode value) {
        return value.isNull() ? null : value.asLong();
    }

    private static Map<String, Field> fields() {
        Map<String, Field> fields = new LinkedHashMap<>();
        fields.put("subject", updatable(Kind.TEXT, (ticket, value) -> ticket.subject = value.asText()));
        fields.put("description", updatable(Kind.TEXT, (ticket, value) -> ticket.descriptionHtml = value.asText()));
        fields.put("status", updatable(Kind.STATUS, (ticket, value) -> ticket.status = value.asInt()));
        fields.put("priority", updatable(Kind.PRIORITY, (ticket, value) -> ticket.priority = value.asInt()));
        fields.put("source", updatable(Kind.SOURCE, (ticket, value) -> ticket.source = value.asInt()));
        fields.put("type", updatable(Kind.NULLABLE_TEXT,
                (ticket, value) -> ticket.type = value.isNull() ? null : value.asText()));
        fields.put("group_id", updatable(Kind.GROUP_ID, (ticket, value) -> ticket.groupId = nullableLong(value)));
        fields.put("responder_id", updatable(Kind.ID,
                (ticket, value) -> ticket.responderId = nullableLong(value)));
        fields.put("requester_id", updatable(Kind.REQUESTER_ID,
                (ticket, value) -> ticket.requesterId = value.asLong()));
        fields.put("email", updatable(Kind.EMAIL,
                (ticket, value) -> ticket.requesterEmail = value.asText().trim()));
        fields.put("company_id", updatable(Kind.ID, (ticket, value) -> ticket.companyId = nullableLong(value)));
        fields.put("email_config_id", updatable(Kind.ID,
                (ticket, value) -> ticket.emailConfigId = nullableLong(value)));
        fields.put("product_id", updatable(Kind.ID, (ticket, value) -> ticket.productId = nullableLong(value)));
        fields.put("tags", updatable(Kind.TAGS, (ticket, value) -> ticket.tags = normaliseTags(value)));
        fields.put("due_by", updatable(Kind.DATE_TIME,
                (ticket, value) -> ticket.dueBy = Timestamps.parse(value.asText()).orElseThrow()));
        fields.put("fr_due_by", updatable(Kind.DATE_TIME,
                (ticket, value) -> ticket.frDueBy = Timestamps.parse(value.asText()).orElseThrow()));
        fields.put("custom_fields", updatable(Kind.CUSTOM_FIELDS, NOT_MODELLED));
        fields.put("name", updatable(Kind.TEXT, NOT_MODELLED));
        fields.put("phone", updatable(Kind.TEXT, NOT_MODELLED));
        fields.put("twitter_id", updatable(Kind.TEXT, NOT_MODELLED));
        fields.put("facebook_id", updatable(Kind.TEXT, NOT_MODELLED));
        fields.put("unique_external_id", updatable(Kind.TEXT, NOT_MODELLED));
        fields.put("internal_group_id", updatable(Kind.ID, NOT_MODELLED));
        fields.put("internal_agent_id", updatable(Kind.ID, NOT_MODELLED));
        fields.put("skill_id", updatable(Kind.ID, NOT_MODELLED));
        fields.put("tracker_id", updatable(Kind.ID, NOT_MODELLED));
        fields.put("skip_close_notification", updatable(Kind.BOOLEAN, NOT_MODELLED));
        fields.put("attachments", updatable(Kind.ARRAY, NOT_MODELLED));
        fields.put("cc_emails", new Field(Kind.EMAILS, false, (ticket, value) -> ticket.ccEmails =
                StreamSupport.stream(value.spliterator(), false).map(JsonNode::asText).toList()));
        return Map.copyOf(fields);
    }

    private static Field updatable(Kind kind, BiConsumer<Ticket.Builder, JsonNode> apply) {
        return new Field(kind, true, apply);
    }
}
