package io.tickettriage.adapter.rt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.JsonRecords;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;

/**
 * The text of tickets: the content of each one's Create transaction, read for up to {@value #CHUNK} tickets with two
 * searches rather than a call per ticket:
 * <ol>
 *   <li>{@code GET /transactions?query=<JSON>} for the Create transactions of the tickets
 *       ({@code ObjectId IN […]});</li>
 *   <li>{@code GET /attachments?query=<JSON>} for those transactions' text parts ({@code TransactionId IN […]},
 *       {@code ContentType IN [text/plain, text/html]}), with their content.</li>
 * </ol>
 * REST2 reads such a JSON search from the query string of a GET as from the body of a POST; a GET keeps reads
 * reads.
 * A collection answer gives an attachment's {@code Content} as text (a single {@code GET /attachment/{id}} gives it
 * Base64-encoded). Of a transaction's parts, the first plain-text one that is no named file is the body, else the
 * first HTML one, as text. A ticket without either has an empty body.
 */
final class RtTexts {

    /** REST2's largest page: one page of Create transactions per chunk of tickets. */
    static final int CHUNK = RtSettings.MAX_PAGE_SIZE;

    private RtTexts() {
    }

    /** The body of each ticket, by id; a ticket whose text could not be found has none. */
    static Map<String, String> read(HelpDeskHttp http, List<String> ids) {
        Map<String, String> bodies = new HashMap<>();
        for (int i = 0; i < ids.size(); i += CHUNK) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + CHUNK));
            Map<String, String> ticketOfTransaction = createTransactions(http, chunk);
            if (!ticketOfTransaction.isEmpty()) {
                textParts(http, List.copyOf(ticketOfTransaction.keySet())).forEach((transaction, text) ->
                        bodies.put(ticketOfTransaction.get(transaction), text));
            }
        }
        return bodies;
    }

    /** Transaction id → ticket id of the tickets' Create transactions. */
    private static Map<String, String> createTransactions(HelpDeskHttp http, List<String> tickets) {
        ArrayNode query = RtHttp.json().createArrayNode();
        query.addObject().put("field", "ObjectType").put("value", "RT::Ticket");
        ArrayNode in = query.addObject().put("field", "ObjectId").put("operator", "IN").putArray("value");
        tickets.forEach(id -> in.add(Long.parseLong(id)));
        query.addObject().put("field", "Type").put("value", "Create");
        Map<String, String> transactions = new LinkedHashMap<>();
        for (JsonNode record : all(http, "/transactions?fields=ObjectId", query, "finding the Create "
                + "transactions of " + tickets.size() + " tickets")) {
            transactions.put(record.path("id").asText(), record.path("ObjectId").asText());
        }
        return transactions;
    }

    /** Transaction id → its body text. */
    private static Map<String, String> textParts(HelpDeskHttp http, List<String> transactions) {
        ArrayNode query = RtHttp.json().createArrayNode();
        ArrayNode in = query.addObject().put("field", "TransactionId").put("operator", "IN").putArray("value");
        transactions.forEach(id -> in.add(Long.parseLong(id)));
        query.addObject().put("field", "ContentType").put("operator", "IN").putArray("value").add("text/plain")
                .add("text/html");
        Map<String, List<JsonNode>> parts = new LinkedHashMap<>();
        for (JsonNode part : all(http, "/attachments?fields=TransactionId,ContentType,Content,Filename&orderby=id",
                query, "reading the text of " + transactions.size() + " tickets")) {
            parts.computeIfAbsent(part.path("TransactionId").asText(), k -> new ArrayList<>()).add(part);
        }
        Map<String, String> texts = new HashMap<>();
        parts.forEach((transaction, candidates) -> body(candidates).ifPresent(text -> texts.put(transaction, text)));
        return texts;
    }

    /** The first unnamed plain-text part, else the first unnamed HTML part as text. */
    private static Optional<String> body(List<JsonNode> parts) {
        for (String type : List.of("text/plain", "text/html")) {
            for (JsonNode part : parts) {
                String contentType = RtTicketMapper.text(part, "ContentType").toLowerCase(Locale.ROOT);
                if (contentType.startsWith(type) && RtTicketMapper.text(part, "Filename").isEmpty()) {
                    String content = RtTicketMapper.text(part, "Content");
                    return Optional.of(type.equals("text/html") ? Jsoup.parse(content).text() : content);
                }
            }
        }
        return Optional.empty();
    }

    /** Every readable record of a JSON search, page by page; records no JSON reader accepts are left out. */
    private static List<JsonNode> all(HelpDeskHttp http, String path, ArrayNode query, String what) {
        List<JsonNode> records = new ArrayList<>();
        String separator = path.contains("?") ? "&" : "?";
        for (int page = 1; ; page++) {
            HelpDeskHttp.Request request = HelpDeskHttp.Request.get(RtHttp.url(http, path + separator + "query="
                    + HelpDeskHttp.encode(query.toString()) + "&per_page=" + CHUNK + "&page=" + page), what);
            RtPage answer = http.send(request, a -> RtPage.read(a.body()));
            answer.records().stream().map(JsonRecords.Record::json).flatMap(Optional::stream).forEach(records::add);
            if (!answer.more()) {
                return records;
            }
        }
    }
}
