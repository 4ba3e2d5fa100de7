package io.tickettriage.sim.zammad;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The endpoints the simulator serves. Rails routes by method and path together; anything else has no route. */
enum ZammadRoute {
    LIST_TICKETS("GET", "/api/v1/tickets"),
    // Declared before the show route, as in Zammad's routes, so that "search" is never taken for an id.
    SEARCH_TICKETS("GET", "/api/v1/tickets/search"),
    SHOW_TICKET("GET", "/api/v1/tickets/([^/.]+)"),
    UPDATE_TICKET("PUT", "/api/v1/tickets/([^/.]+)"),
    ARTICLES_BY_TICKET("GET", "/api/v1/ticket_articles/by_ticket/([^/.]+)"),
    CREATE_ARTICLE("POST", "/api/v1/ticket_articles"),
    LIST_TAGS("GET", "/api/v1/tags"),
    ADD_TAG("POST", "/api/v1/tags/add"),
    REMOVE_TAG("DELETE", "/api/v1/tags/remove"),
    LIST_GROUPS("GET", "/api/v1/groups"),
    LIST_PRIORITIES("GET", "/api/v1/ticket_priorities"),
    LIST_STATES("GET", "/api/v1/ticket_states");

    private final String method;
    private final Pattern path;

    ZammadRoute(String method, String pathRegex) {
        this.method = method;
        this.path = Pattern.compile(pathRegex);
    }

    /** The route for the request, with the id segment of the path where the route has one. */
    static Optional<Match> match(String method, String path) {
        return Arrays.stream(values())
                .filter(route -> route.method.equals(method))
                .map(route -> route.matchOf(path))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private Optional<Match> matchOf(String candidate) {
        Matcher matcher = path.matcher(candidate);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Match(this, matcher.groupCount() == 0 ? "" : matcher.group(1)));
    }

    /** A request resolved to its route; {@code id} is the path's id segment as sent, empty when there is none. */
    record Match(ZammadRoute route, String id) {
    }
}
