package io.tickettriage;

import io.tickettriage.cluster.DeskSpreader;
import io.tickettriage.config.Desk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;

/**
 * The routes of every desk, made from the route templates of {@code routes/triage.yaml} (the pipeline) and of
 * {@code routes/desks/<helpdesk>.yaml} (its help desk's two calls), with the desk's parameters
 * ({@link Desk#routeParameters}). A template {@code T} gives the desk {@code it} the route {@code it-T}; a help desk's
 * template {@code freshdesk-fetch-tickets} gives it {@code it-fetch-tickets}. Beside them, one route for the state all
 * desks share: {@value #RETENTION} of {@code routes/retention.yaml}.
 */
final class DeskRoutes {

    /** The template of the trigger on the schedule, and of the one that polls at once (at startup, on leading). */
    static final String SCHEDULE = "triage-schedule";
    static final String AT_START = "triage-at-start";
    /** The template of the pipeline itself, which the triggers start. */
    static final String TRIAGE = "triage";
    /** The templates of {@code routes/triage.yaml}, each a route of every desk. */
    private static final List<String> PIPELINE = List.of(SCHEDULE, AT_START, TRIAGE);
    /** The template of the purge of expired records, made once: every desk's records are in the one state store. */
    static final String RETENTION = "retention-purge";
    /** The templates of a help desk's file, after its name. */
    private static final List<String> HELP_DESK_CALLS = List.of("fetch-tickets", "update-ticket");

    /** One route of one desk. */
    record Instance(String template, String routeId, Map<String, String> parameters) {
    }

    private final List<String> desks;
    private final List<Instance> instances;

    DeskRoutes(List<Desk> desks) {
        this.desks = desks.stream().map(Desk::name).toList();
        List<Instance> all = new ArrayList<>();
        for (Desk desk : desks) {
            Map<String, String> parameters = desk.routeParameters();
            String helpdesk = desk.properties().text("triage.helpdesk", "freshdesk");
            PIPELINE.forEach(template -> all.add(new Instance(template, routeId(desk.name(), template), parameters)));
            HELP_DESK_CALLS.forEach(call -> all.add(new Instance(helpdesk + "-" + call,
                    routeId(desk.name(), call), parameters)));
        }
        // Made from its template like the desks' routes, once their beans are bound, and reloaded with them.
        all.add(new Instance(RETENTION, RETENTION, Map.of()));
        this.instances = List.copyOf(all);
    }

    /** The id of the route {@code template} gives {@code desk}. */
    static String routeId(String desk, String template) {
        return desk + "-" + template;
    }

    /** Creates the routes; Camel starts them with the context, or at once when it runs. */
    void addTo(CamelContext context) {
        instances.forEach(instance -> add(context, instance));
    }

    /**
     * Creates the routes but the triggers: the pipeline and the help desk's calls of each desk, polled when a caller
     * sends to {@code direct:<desk>-poll} (tests, the benchmark); no purge on a schedule either.
     */
    void addUntriggeredTo(CamelContext context) {
        instances.stream().filter(instance -> !instance.template().equals(RETENTION))
                .filter(instance -> !PIPELINE.contains(instance.template()) || instance.template().equals(TRIAGE))
                .forEach(instance -> add(context, instance));
    }

    /** Creates the routes that are not there (after a reload, which removed them); returns how many. */
    int addMissingTo(CamelContext context) {
        List<Instance> missing = instances.stream().filter(instance -> context.getRoute(instance.routeId()) == null)
                .toList();
        missing.forEach(instance -> add(context, instance));
        return missing.size();
    }

    /** The templates the routes are made from. */
    Set<String> templates() {
        return instances.stream().map(Instance::template).collect(Collectors.toCollection(TreeSet::new));
    }

    private static void add(CamelContext context, Instance instance) {
        try {
            TemplatedRouteBuilder.builder(context, instance.template()).routeId(instance.routeId())
                    .parameters(new HashMap<>(instance.parameters())).add();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot create the route " + instance.routeId() + " from the "
                    + "template " + instance.template() + ": " + e.getMessage(), e);
        }
    }

    /** The routes whose triggers run under {@code master:}, of each desk: what it stops when it gives its lead up. */
    DeskSpreader.Triggers triggersIn(CamelContext context) {
        return new DeskSpreader.Triggers() {
            @Override
            public void stop(String desk) throws Exception {
                for (String route : triggers(desk)) {
                    context.getRouteController().stopRoute(route);
                }
            }

            @Override
            public void start(String desk) throws Exception {
                for (String route : triggers(desk)) {
                    context.getRouteController().startRoute(route);
                }
            }
        };
    }

    private static List<String> triggers(String desk) {
        return List.of(routeId(desk, SCHEDULE), routeId(desk, AT_START));
    }

    /** The desks' names, in the order {@code triage.desks} lists them. */
    List<String> desks() {
        return desks;
    }
}
