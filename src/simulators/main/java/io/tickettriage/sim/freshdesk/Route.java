package io.tickettriage.sim.freshdesk;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The endpoints the simulator serves, with the methods each allows (for 405 and its Allow header). */
enum Route {
    TICKETS("/api/v2/tickets", "GET", "POST"),
    TICKET("/api/v2/tickets/(\\d{1,18})", "GET", "PUT"),
    TICKET_NOTES("/api/v2/tickets/(\\d{1,18})/notes", "POST"),
    TICKET_CONVERSATIONS("/api/v2/tickets/(\\d{1,18})/conversations", "GET"),
    GROUPS("/api/v2/groups", "GET");

    // Ids are capped at 18 digits so they always fit a long; a longer one is simply an unknown route (404).
    private final Pattern path;
    private final List<String> methods;

    Route(String pathRegex, String... methods) {
        this.path = Pattern.compile(pathRegex);
        this.methods = List.of(methods);
    }

    /** The route serving {@code path}, with the ticket id taken from it where the route has one. */
    static Optional<Match> match(String path) {
        return Arrays.stream(values())
                .map(route -> route.matchOf(path))
                .flatMap(Optional::stream)
                .findFirst();
    }

    boolean allows(String method) {
        return methods.contains(method);
    }

    String allowHeader() {
        return String.join(", ", methods);
    }

    private Optional<Match> matchOf(String candidate) {
        Matcher matcher = path.matcher(candidate);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        OptionalLong ticketId = matcher.groupCount() == 0
                ? OptionalLong.empty()
                : OptionalLong.of(Long.parseLong(matcher.group(1)));
        return Optional.of(new Match(this, ticketId));
    }

    /** A request path resolved to its route. */
    record Match(Route route, OptionalLong ticketId) {

        long requireTicketId() {
            return ticketId.orElseThrow(() -> new IllegalStateException(route + " has no ticket id"));
        }
    }
}
