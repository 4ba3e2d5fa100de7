package io.tickettriage.sim.zammad;

import io.tickettriage.sim.GarbledFields;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The JSON Zammad renders, attribute by attribute as in its API documentation: tickets as plain attributes (list),
 * with association ids ({@code article_ids}; show, update, search) or with association names as well
 * ({@code expand=true}); articles, groups, priorities and states.
 */
final class ZammadJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** When the seeded lookup tables were created. */
    private static final Instant SEEDED = Instant.parse("2024-01-08T09:00:00.000Z");

    private final Catalog catalog;
    private final ZammadStore store;

    private final GarbledFields garbled = new GarbledFields();

    ZammadJson(Catalog catalog, ZammadStore store) {
        this.catalog = catalog;
        this.store = store;
    }

    /** "2021-06-01T11:57:17.935Z": UTC, always three digits of milliseconds. */
    static String time(Instant instant) {
        return TIME.format(instant);
    }

    /** The ticket's columns, as {@code GET /api/v1/tickets} lists them. */
    ObjectNode ticket(StoredTicket ticket) {
        List<StoredArticle> articles = store.articles(ticket.id());
        ObjectNode json = JSON.objectNode();
        json.put("id", ticket.id());
        json.put("group_id", ticket.groupId());
        json.put("priority_id", ticket.priorityId());
        json.put("state_id", ticket.stateId());
        json.putNull("organization_id");
        json.put("number", ticket.number());
        json.put("title", ticket.title());
        json.put("owner_id", ticket.ownerId());
        json.put("customer_id", ticket.customerId());
        json.putNull("note");
        for (String empty : List.of("first_response_at", "first_response_escalation_at", "first_response_in_min",
                "first_response_diff_in_min", "close_at", "close_escalation_at", "close_in_min", "close_diff_in_min",
                "update_escalation_at", "update_in_min", "update_diff_in_min", "last_close_at")) {
            json.putNull(empty);
        }
        json.put("last_contact_at", time(ticket.createdAt()));
        json.putNull("last_contact_agent_at");
        json.put("last_contact_customer_at", time(ticket.createdAt()));
        json.putNull("last_owner_update_at");
        json.put("create_article_type_id", ticket.createArticleTypeId());
        json.put("create_article_sender_id", ticket.createArticleSenderId());
        json.put("article_count", articles.size());
        json.putNull("escalation_at");
        json.putNull("pending_time");
        json.putNull("type");
        json.putNull("time_unit");
        json.putObject("preferences");
        json.put("updated_by_id", ticket.updatedById());
        json.put("created_by_id", ticket.createdById());
        json.put("created_at", time(ticket.createdAt()));
        json.put("updated_at", time(ticket.updatedAt()));
        return garbled.applyTo(String.valueOf(ticket.id()), json);
    }

    /** Every view of the ticket sends {@code field} set to {@code value}. */
    void garble(long id, String field, String value) {
        garbled.garble(String.valueOf(id), field, value);
    }

    /** With association ids: show, update and search answers. {@code article_ids} lists the newest first. */
    ObjectNode ticketWithIds(StoredTicket ticket) {
        ObjectNode json = ticket(ticket);
        ArrayNode ids = json.putArray("article_ids");
        List<StoredArticle> articles = store.articles(ticket.id());
        for (int i = articles.size() - 1; i >= 0; i--) {
            ids.add(articles.get(i).id());
        }
        json.putArray("ticket_time_accounting_ids");
        return json;
    }

    /** With association names as well ({@code expand=true}): "group": "Users", "priority": "2 normal" … */
    ObjectNode ticketWithNames(StoredTicket ticket) {
        ObjectNode json = ticketWithIds(ticket);
        json.put("group", Catalog.name(catalog.groups(), ticket.groupId()));
        json.put("priority", Catalog.name(Catalog.PRIORITIES, ticket.priorityId()));
        json.put("state", Catalog.name(Catalog.STATES, ticket.stateId()));
        json.put("owner", store.user(ticket.ownerId()).login());
        json.put("customer", store.user(ticket.customerId()).login());
        json.put("created_by", store.user(ticket.createdById()).login());
        json.put("updated_by", store.user(ticket.updatedById()).login());
        json.put("create_article_type", Catalog.name(Catalog.ARTICLE_TYPES, ticket.createArticleTypeId()));
        json.put("create_article_sender", Catalog.name(Catalog.SENDERS, ticket.createArticleSenderId()));
        return json;
    }

    /** An article with its association names, as {@code GET /api/v1/ticket_articles/by_ticket/{id}} lists it. */
    ObjectNode article(StoredArticle article) {
        ObjectNode json = JSON.objectNode();
        json.put("id", article.id());
        json.put("ticket_id", article.ticketId());
        json.put("type_id", article.typeId());
        json.put("sender_id", article.senderId());
        json.put("from", article.from());
        json.put("to", article.to());
        json.putNull("cc");
        json.put("subject", article.subject());
        json.putNull("reply_to");
        json.putNull("message_id");
        json.putNull("message_id_md5");
        json.putNull("in_reply_to");
        json.put("content_type", article.contentType());
        json.putNull("references");
        json.put("body", article.body());
        json.put("internal", article.internal());
        json.putObject("preferences");
        json.put("updated_by_id", article.createdById());
        json.put("created_by_id", article.createdById());
        json.putNull("origin_by_id");
        json.put("created_at", time(article.createdAt()));
        json.put("updated_at", time(article.createdAt()));
        json.putArray("attachments");
        json.put("type", Catalog.name(Catalog.ARTICLE_TYPES, article.typeId()));
        json.put("sender", Catalog.name(Catalog.SENDERS, article.senderId()));
        json.put("created_by", store.user(article.createdById()).login());
        json.put("updated_by", store.user(article.createdById()).login());
        json.putNull("time_unit");
        return json;
    }

    ObjectNode group(Catalog.Entry group) {
        ObjectNode json = JSON.objectNode();
        json.put("id", group.id());
        json.putNull("signature_id");
        json.putNull("email_address_id");
        json.put("name", group.name());
        json.put("name_last", group.name());
        json.putNull("parent_id");
        json.putNull("assignment_timeout");
        json.put("follow_up_possible", "yes");
        json.put("follow_up_assignment", true);
        json.put("active", true);
        json.put("shared_drafts", true);
        json.putNull("note");
        stamps(json);
        json.putArray("user_ids").add(ZammadStore.API_AGENT);
        return json;
    }

    ObjectNode priority(Catalog.Entry priority) {
        ObjectNode json = JSON.objectNode();
        json.put("id", priority.id());
        json.put("name", priority.name());
        json.put("default_create", priority.id() == Catalog.DEFAULT_PRIORITY);
        json.putNull("ui_icon");
        json.putNull("ui_color");
        json.putNull("note");
        json.put("active", true);
        stamps(json);
        return json;
    }

    ObjectNode state(Catalog.Entry state) {
        ObjectNode json = JSON.objectNode();
        json.put("id", state.id());
        json.put("state_type_id", Catalog.STATE_TYPE_IDS.get(Catalog.STATES.indexOf(state)));
        json.put("name", state.name());
        json.putNull("next_state_id");
        json.put("ignore_escalation", state.id() >= 4);
        json.put("default_create", state.id() == Catalog.STATE_NEW);
        json.put("default_follow_up", state.id() == 2);
        json.putNull("note");
        json.put("active", true);
        stamps(json);
        return json;
    }

    /**
     * The {@code assets} of legacy and {@code full=true} answers: every record the tickets refer to, by class and id.
     * Zammad adds more classes (roles, organizations); tickets, their groups and users are what clients read.
     */
    ObjectNode assets(List<StoredTicket> tickets) {
        ObjectNode assets = JSON.objectNode();
        ObjectNode ticketAssets = assets.putObject("Ticket");
        ObjectNode groupAssets = assets.putObject("Group");
        ObjectNode userAssets = assets.putObject("User");
        for (StoredTicket ticket : tickets) {
            ticketAssets.set(String.valueOf(ticket.id()), ticketWithIds(ticket));
            Catalog.byId(catalog.groups(), ticket.groupId())
                    .ifPresent(group -> groupAssets.set(String.valueOf(group.id()), group(group)));
            for (long userId : List.of(ticket.customerId(), ticket.ownerId())) {
                StoredUser user = store.user(userId);
                userAssets.set(String.valueOf(userId), JSON.objectNode().put("id", userId)
                        .put("login", user.login()).put("firstname", user.firstname())
                        .put("lastname", user.lastname()).put("email", user.email()));
            }
        }
        return assets;
    }

    private static void stamps(ObjectNode json) {
        json.put("updated_by_id", ZammadStore.SYSTEM_USER);
        json.put("created_by_id", ZammadStore.SYSTEM_USER);
        json.put("created_at", time(SEEDED));
        json.put("updated_at", time(SEEDED));
    }
}
