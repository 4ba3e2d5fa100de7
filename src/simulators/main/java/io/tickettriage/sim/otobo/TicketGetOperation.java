package io.tickettriage.sim.otobo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * TicketGet (Operation/Ticket/TicketGet.pm): {@code {"Ticket":[…]}} for one id, a comma list ("32,33") or an array.
 * Every id is checked before any ticket is read, so one unknown or forbidden id fails the whole request with
 * TicketGet.AccessDenied. Articles only with AllArticles=1 (ArticleOrder, ArticleLimit and ArticleSenderType apply),
 * dynamic fields only with DynamicFields=1.
 */
final class TicketGetOperation {

    private final Desk desk;
    private final Authenticator authenticator;

    TicketGetOperation(Desk desk, Authenticator authenticator) {
        this.desk = desk;
        this.authenticator = authenticator;
    }

    JsonNode run(JsonNode data) throws OperationError {
        if (authenticator.authenticate(data, desk).isEmpty()) {
            throw new OperationError("TicketGet.AuthFail", "TicketGet: Authorization failing!");
        }
        JsonNode ticketIds = data.path("TicketID");
        if (!PerlValues.isTrue(ticketIds)) {
            throw new OperationError("TicketGet.MissingParameter", "TicketGet: TicketID parameter is missing!");
        }
        List<String> ids = new ArrayList<>();
        if (PerlValues.isStringWithData(ticketIds)) {
            // Perl's split drops trailing empty fields: "32,33," is two ids.
            String[] parts = PerlValues.scalar(ticketIds).split(",");
            Collections.addAll(ids, parts);
        } else if (PerlValues.isArrayWithData(ticketIds)) {
            ticketIds.forEach(id -> ids.add(PerlValues.scalar(id)));
        } else {
            throw new OperationError("TicketGet.WrongStructure", "TicketGet: Structure for TicketID is not correct!");
        }
        List<DeskTicket> tickets = new ArrayList<>();
        for (String id : ids) {
            tickets.add(desk.ticket(id).orElseThrow(() -> new OperationError("TicketGet.AccessDenied",
                    "TicketGet: User does not have access to the ticket!")));
        }

        boolean dynamicFields = PerlValues.isTrue(data.path("DynamicFields"));
        boolean extended = PerlValues.isTrue(data.path("Extended"));
        boolean allArticles = PerlValues.isTrue(data.path("AllArticles"));
        String articleOrder = PerlValues.isTrue(data.path("ArticleOrder"))
                ? PerlValues.scalar(data.path("ArticleOrder")) : "ASC";
        int articleLimit = articleLimit(data.path("ArticleLimit"));
        List<String> senderTypes = PerlValues.list(data.path("ArticleSenderType"));

        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode items = result.putArray("Ticket");
        for (DeskTicket ticket : tickets) {
            ObjectNode json = TicketView.ticket(ticket, desk, dynamicFields, extended);
            if (allArticles) {
                List<DeskTicket.Article> articles = new ArrayList<>();
                if (senderTypes.isEmpty()) {
                    articles.addAll(ticket.articles);
                } else {
                    // One ArticleList call per sender type, concatenated, as TicketGet.pm does.
                    for (String senderType : senderTypes) {
                        ticket.articles.stream()
                                .filter(a -> desk.catalog().senderTypeName(a.senderTypeId()).equals(senderType))
                                .forEach(articles::add);
                    }
                }
                if (!articles.isEmpty() && articleLimit > 0) {
                    if (articleOrder.equals("DESC")) {
                        Collections.reverse(articles);
                    }
                    articles = articles.subList(0, Math.min(articleLimit, articles.size()));
                }
                if (!articles.isEmpty()) {
                    ArrayNode box = json.putArray("Article");
                    articles.forEach(article -> box.add(TicketView.article(ticket, article, desk)));
                }
            }
            items.add(json);
        }
        return result;
    }

    private static int articleLimit(JsonNode value) {
        try {
            return PerlValues.isTrue(value) ? Integer.parseInt(PerlValues.scalar(value).strip()) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
