package io.tickettriage.adapter.otobo;

/**
 * One HTTP request to the web service, ready for camel-http. Its URL may carry credentials in the query (GET routes
 * leave the API no other place), so {@link #toString()} shows only the method and the route template, never the URL
 * or the body.
 *
 * @param method HTTP method
 * @param url    absolute URL including the query
 * @param body   JSON body, empty for GET
 * @param route  the configured route, e.g. {@code /Ticket/:TicketID}, for messages
 */
public record OtoboRequest(String method, String url, String body, String route) {

    @Override
    public String toString() {
        return "OtoboRequest[" + method + " " + route + "]";
    }
}
