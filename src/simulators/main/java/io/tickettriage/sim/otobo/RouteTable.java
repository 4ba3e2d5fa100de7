package io.tickettriage.sim.otobo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A web service's {@code RouteOperationMapping}: which operation serves which method and route. Matching works as
 * REST.pm's does: operations are tried in the order of their names, the first whose method list allows the request
 * method and whose route matches the whole request path wins, and {@code :Name} segments become parameters.
 */
public final class RouteTable {

    /**
     * One operation of the web service.
     *
     * @param operation the operation's configured name, e.g. {@code TicketSearch}
     * @param type      the module that implements it
     * @param methods   the allowed request methods; empty allows any
     * @param route     e.g. {@code /Ticket/:TicketID}
     */
    public record Mapping(String operation, OperationType type, List<String> methods, String route) {

        public Mapping {
            methods = List.copyOf(methods);
        }
    }

    /** A request resolved to its operation, with the route's {@code :Name} segments still percent-encoded. */
    record Match(Mapping mapping, Map<String, String> uriParams) {
    }

    private record Compiled(Mapping mapping, Pattern pattern, List<String> names) {
    }

    // REST.pm turns ":Name" into "(?<Name>[^/]+)" and matches the rest of the route as a regular expression with
    // the x flag, so the route text is a regex (not quoted) in which whitespace is ignored.
    private static final Pattern PARAMETER = Pattern.compile(":([^/]+)");

    private final List<Compiled> routes;

    private RouteTable(List<Mapping> mappings) {
        List<Compiled> compiled = new ArrayList<>();
        for (Mapping mapping : mappings) {
            List<String> names = new ArrayList<>();
            Matcher parameter = PARAMETER.matcher(mapping.route());
            StringBuilder regex = new StringBuilder();
            while (parameter.find()) {
                names.add(parameter.group(1));
                parameter.appendReplacement(regex, Matcher.quoteReplacement("([^/]+)"));
            }
            parameter.appendTail(regex);
            compiled.add(new Compiled(mapping, Pattern.compile("^" + regex + "$", Pattern.COMMENTS), names));
        }
        compiled.sort(Comparator.comparing(c -> c.mapping().operation()));
        this.routes = List.copyOf(compiled);
    }

    /**
     * The routes of OTOBO's example web service GenericTicketConnectorREST (identical in Znuny) for the operations
     * the simulator implements. The example also maps SessionGet, TicketCreate and TicketHistoryGet, which the
     * simulator leaves out: their routes answer as unknown routes do.
     */
    public static RouteTable genericTicketConnector() {
        return new RouteTable(List.of(
                new Mapping("SessionCreate", OperationType.SESSION_CREATE, List.of("POST"), "/Session"),
                new Mapping("TicketGet", OperationType.TICKET_GET, List.of("GET"), "/Ticket/:TicketID"),
                new Mapping("TicketGetList", OperationType.TICKET_GET, List.of("GET"), "/TicketList"),
                new Mapping("TicketSearch", OperationType.TICKET_SEARCH, List.of("GET"), "/Ticket"),
                new Mapping("TicketUpdate", OperationType.TICKET_UPDATE, List.of("PATCH"), "/Ticket/:TicketID")));
    }

    /** This table with {@code operation} added, or replaced when it exists, as an admin edits the web service. */
    public RouteTable with(String operation, OperationType type, String method, String route) {
        Map<String, Mapping> mappings = new LinkedHashMap<>();
        routes.forEach(c -> mappings.put(c.mapping().operation(), c.mapping()));
        mappings.put(operation, new Mapping(operation, type, List.of(method), route));
        return new RouteTable(List.copyOf(mappings.values()));
    }

    /** This table without {@code operation}. */
    public RouteTable without(String operation) {
        return new RouteTable(routes.stream().map(Compiled::mapping).filter(m -> !m.operation().equals(operation))
                .toList());
    }

    Optional<Match> match(String method, String requestPath) {
        for (Compiled route : routes) {
            List<String> methods = route.mapping().methods();
            if (!methods.isEmpty() && !methods.contains(method)) {
                continue;
            }
            Matcher matcher = route.pattern().matcher(requestPath);
            if (matcher.matches()) {
                Map<String, String> params = new LinkedHashMap<>();
                for (int i = 0; i < route.names().size(); i++) {
                    params.put(route.names().get(i), matcher.group(i + 1));
                }
                return Optional.of(new Match(route.mapping(), params));
            }
        }
        return Optional.empty();
    }
}
