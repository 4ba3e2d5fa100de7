package io.tickettriage;

import io.tickettriage.adapter.WriteLedgers;
import io.tickettriage.adapter.HelpDeskAdapter;
import io.tickettriage.adapter.HelpDeskAdapters;
import io.tickettriage.cluster.ClusterServices;
import io.tickettriage.cluster.ClusterSettings;
import io.tickettriage.cluster.DeskSpreader;
import io.tickettriage.cluster.Leadership;
import io.tickettriage.cluster.LeadershipHealthCheck;
import io.tickettriage.triage.TicketClassifier;
import io.tickettriage.classify.TicketModel;
import io.tickettriage.config.ConfigurationException;
import io.tickettriage.config.Desk;
import io.tickettriage.config.RenamedKeys;
import io.tickettriage.config.TriageProperties;
import io.tickettriage.similar.SimilarSettings;
import io.tickettriage.similar.SimilarTickets;
import io.tickettriage.state.DeadLetterStore;
import io.tickettriage.config.SecretRedactor;
import io.tickettriage.privacy.PersonalDataRedactor;
import io.tickettriage.state.FileStateStore;
import io.tickettriage.state.JdbcStateStore;
import io.tickettriage.state.Retention;
import io.tickettriage.state.RetentionPurge;
import io.tickettriage.state.StateStore;
import io.tickettriage.state.WatermarkStore;
import io.tickettriage.triage.PredictionLog;
import io.tickettriage.triage.DecisionSettings;
import io.tickettriage.triage.HeldOutPrecision;
import io.tickettriage.triage.PollTracker;
import io.tickettriage.triage.PrecisionEvidence;
import io.tickettriage.triage.PredictionTracker;
import io.tickettriage.triage.TriageMode;
import io.tickettriage.triage.TriagePolicy;
import io.tickettriage.triage.StatisticsNotifier;
import io.tickettriage.triage.TriageStatistics;
import io.tickettriage.triage.WriteLedger;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and checks the configuration, then binds, for each desk ({@link Desk}), the beans its routes name under the
 * desk's name: {@code <desk>.ticketClassifier}, {@code .similarTickets}, {@code .watermark}, {@code .writeLedger},
 * {@code .pollTracker}, {@code .ticketGate}, {@code .deadLetterStore}, {@code .triageStatistics}, and the adapter's
 * own, with the notifier
 * that counts the desk's statistics ({@link StatisticsNotifier}); and the routes to create for each desk
 * ({@link DeskRoutes}). Their state is kept where {@code triage.state.store} says (with {@code jdbc}, the database
 * is also bound as {@code stateDataSource}, for {@code sql:} endpoints of one's own routes). Any problem is a
 * {@link ConfigurationException} with a one-line fix.
 */
public final class TriageConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(TriageConfiguration.class);

    private final Clock clock;
    /** The keys of the configuration file, of which each desk may have its own. */
    private final Set<String> keys;
    /** What may stand in for a help desk the configuration names none of (the application's demo). */
    private final List<HelpDeskStandIn> standIns;

    public TriageConfiguration(Clock clock, Set<String> keys, List<HelpDeskStandIn> standIns) {
        this.clock = clock;
        this.keys = Set.copyOf(keys);
        this.standIns = List.copyOf(standIns);
    }

    /** Configures every desk in the started {@code context}; returns the routes to make for them. */
    public DeskRoutes configure(CamelContext context) {
        TriageProperties properties = new TriageProperties(context.getPropertiesComponent());
        RenamedKeys.check(properties);
        StateStore state = openState(context, properties);
        try {
            Cluster cluster = new Cluster(context, properties);
            DeskRoutes routes = configure(context, properties, state, cluster);
            // For routes/retention.yaml: one purge for the state every desk shares.
            context.getRegistry().bind("retentionPurge", new RetentionPurge(state, Retention.from(properties),
                    clock));
            closeOnShutdown(context, state);
            // After the state's closer: Camel stops services last added first, and the spreader leaves the roster in
            // the database as it stops.
            cluster.spreadDesks(state, routes);
            return routes;
        } catch (RuntimeException e) {
            // A start that fails must not keep the state directory locked, or the database's connections open.
            state.close();
            throw e;
        }
    }

    /**
     * The file store locks its directory against a second process. The database store takes no lock: several nodes
     * share it, and the cluster service ({@link #joinCluster}) keeps all but one of them from polling.
     */
    private static StateStore openState(CamelContext context, TriageProperties properties) {
        return switch (properties.choice("triage.state.store", StateStore.Kind.FILE)) {
            case FILE -> FileStateStore.open(Path.of(properties.text("triage.state.directory", "state")));
            case JDBC -> {
                JdbcStateStore store = JdbcStateStore.open(properties);
                context.getRegistry().bind("stateDataSource", store.dataSource());
                yield store;
            }
        };
    }

    /** Configures every desk; returns the routes to make for them. */
    private DeskRoutes configure(CamelContext context, TriageProperties properties, StateStore state,
                                 Cluster cluster) {
        List<Desk> desks = Desk.all(context.getPropertiesComponent(), keys);
        for (Desk desk : desks) {
            try {
                configure(context, desk, state, cluster);
            } catch (ConfigurationException e) {
                throw desks.size() == 1 ? e : new ConfigurationException("desk " + desk + ": " + e.getMessage());
            }
        }
        DeskRoutes routes = new DeskRoutes(desks);
        reloadEditedRoutes(context, properties, routes);
        return routes;
    }

    /** Binds one desk's beans ({@code <desk>.watermark}, ...) and works out the settings its routes are made with. */
    private void configure(CamelContext context, Desk desk, StateStore state, Cluster cluster) {
        TriageProperties properties = desk.properties();
        HelpDeskAdapter adapter = HelpDeskAdapters.named(properties.text("triage.helpdesk", "freshdesk"));
        String helpdesk = adapter.name();
        TriageStatistics statistics = new TriageStatistics(desk.name());
        Registry registry = context.getRegistry();

        standIns.forEach(standIn -> standIn.startIfNoHelpDeskIsConfigured(context, desk, adapter, statistics, clock));

        TicketModel model = ModelSelection.open(properties, List.of(TriagePolicy.QUEUE, TriagePolicy.PRIORITY));
        DecisionSettings decisions = decisions(properties);
        PredictionLog predictions = state.predictions().ofDesk(desk.name());
        PrecisionEvidence evidence = decisions.evidence(predictions, model);
        TriagePolicy policy = decisions.policyFor(model, evidence);
        TicketClassifier classifier = new TicketClassifier(model, policy);
        // Whichever model serves at the end, after a hot swap too.
        closeOnShutdown(context, classifier);

        List<String> secrets = adapter.configure(context, desk, model.heads(), policy.queueFallback());

        registry.bind(desk.bean("triageStatistics"), statistics);
        context.getManagementStrategy().addEventNotifier(new StatisticsNotifier(statistics, desk.name(),
                DeskRoutes.routeId(desk.name(), DeskRoutes.TRIAGE)));
        onMeterRegistry(context, statistics::bindTo);
        registry.bind(TicketClassifier.beanName(desk.name()), classifier);
        SimilarTickets similar = new SimilarTickets(desk.name(), SimilarSettings.from(properties), classifier::model,
                clock);
        registry.bind(SimilarTickets.beanName(desk.name()), similar);
        onMeterRegistry(context, similar::bindTo);
        List<String> goLive = decisions.describe(model, evidence);
        registry.bind(desk.bean("modelWatch"), new ModelWatch(properties, decisions, helpdesk, classifier,
                predictions, statistics, goLive));
        TriageMode mode = properties.choice("triage.mode", TriageMode.LIVE);
        // Shadow mode keeps a watermark of its own: going live later still triages what shadow mode only looked at.
        registry.bind(desk.bean("watermark"), new WatermarkStore(state.watermark(mode.isLive() ? desk.name()
                : desk.name() + ".shadow"), properties.duration("triage.first-poll.look-back", Duration.ofDays(30)),
                clock));
        // Personal data out of what is kept or logged about a failed ticket; never out of what is written to the desk.
        UnaryOperator<String> personal = PersonalDataRedactor.configured(properties);
        PollTracker poll = new PollTracker(cluster.join(desk), personal);
        SecretRedactor secretRedactor = new SecretRedactor(secrets);
        DeadLetterStore deadLetters = new DeadLetterStore(state.deadLetters(),
                text -> personal.apply(secretRedactor.redact(text)), clock, statistics::deadLettered);
        WriteLedger ledger = state.writeLedger();
        registry.bind(desk.bean(WriteLedgers.BEAN), ledger);
        registry.bind(desk.bean("pollTracker"), poll);
        registry.bind(desk.bean("ticketGate"), new TicketGate(poll, deadLetters, ledger));
        registry.bind(desk.bean("triageMode"), mode);
        registry.bind(desk.bean("predictions"), new PredictionTracker(predictions, mode, statistics, clock));
        registry.bind(desk.bean("deadLetterStore"), deadLetters);
        LOG.info("Triage: desk {} on {}, {} mode{}, model {} {} ({}), state in {}", desk, helpdesk,
                mode.name().toLowerCase(Locale.ROOT),
                mode.isLive() ? "" : " (nothing is written to the help desk; predictions are recorded)", model.id(),
                model.name(), model.source(), state);
        goLive.forEach(line -> LOG.info("Desk {}: {}", desk, line));
        LOG.info("Desk {}: {}", desk, similar.describe());
    }

    /**
     * With a cluster service, the triggers of {@code routes/triage.yaml} run under {@code master:} (the prefix
     * {@code triage.cluster.leader-only}), so only a desk's leader polls it; a follower waits, healthy, to take
     * over. Each desk has a namespace of its own, {@code triage-<desk>}, so the desks of a deployment can be led by
     * different nodes. A file lock, a ZooKeeper session or a Kubernetes Lease
     * ({@link io.tickettriage.cluster.Election}) goes with a node that dies, even by SIGKILL, and no other node gets
     * it while the holder keeps it, so two live nodes never both lead. What is left is the holder's own loss of it (a
     * shared file system that drops the lock, a session or Lease that lapses): the poll asks before every ticket
     * whether its node still leads.
     */
    private final class Cluster {

        /** How often a node renews its entry in the roster and looks at the others'. */
        private static final Duration SPREAD_TICK = Duration.ofSeconds(2);

        private final CamelContext context;
        private final TriageProperties properties;
        private final ClusterServices services;
        /** This node's leadership of each desk that joined, by the desk's name. */
        private final Map<String, Leadership> leaderships = new LinkedHashMap<>();

        Cluster(CamelContext context, TriageProperties properties) {
            this.context = context;
            this.properties = properties;
            this.services = new ClusterServices(context, clock);
        }

        /**
         * With several desks in a cluster, spreads them over the nodes ({@link DeskSpreader}), unless
         * {@code triage.cluster.spread-desks} is off.
         */
        void spreadDesks(StateStore state, DeskRoutes routes) {
            if (leaderships.size() < 2 || !properties.flag("triage.cluster.spread-desks", true)) {
                return;
            }
            String node = leaderships.values().iterator().next().node();
            DeskSpreader spreader = new DeskSpreader(node, leaderships, services,
                    ((JdbcStateStore) state).clusterRoster(), routes.triggersIn(context), SPREAD_TICK,
                    context.getExecutorServiceManager());
            try {
                context.addService(spreader, true, true);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start spreading the desks", e);
            }
        }

        /** @return whether this node leads the desk, for its poll to ask */
        BooleanSupplier join(Desk desk) {
            ClusterSettings cluster = ClusterSettings.from(properties, desk.name());
            desk.publish("triage.cluster.leader-only", cluster.triggerPrefix());
            if (!cluster.clustered()) {
                return () -> true;
            }
            if (properties.choice("triage.state.store", StateStore.Kind.FILE) != StateStore.Kind.JDBC) {
                throw new ConfigurationException("triage.cluster.service = " + properties.text(
                        "triage.cluster.service", "") + " needs triage.state.store = jdbc: the nodes share the "
                        + "watermark and the write ledger through the database");
            }
            Leadership leadership = services.join(cluster);
            leaderships.put(desk.name(), leadership);
            HealthCheckRegistry health = HealthCheckRegistry.get(context);
            if (health != null) {
                health.register(new LeadershipHealthCheck(leadership));
            }
            onMeterRegistry(context, meters -> Gauge.builder("triage.leader", leadership, l -> l.isLeader() ? 1 : 0)
                    .description("1 while this node leads the desk, 0 while it follows")
                    .tags("node", cluster.node(), "desk", desk.name()).register(meters));
            LOG.info("Cluster: node {} competes for {} ({})", cluster.node(), cluster.namespace(),
                    cluster.election().orElseThrow().where());
            return leadership::isLeader;
        }
    }

    /** Routes read from files (not from the jar) are reloaded when one is saved, unless switched off. */
    private static void reloadEditedRoutes(CamelContext context, TriageProperties properties, DeskRoutes desks) {
        String routes = properties.text("triage.routes.location", "file:routes");
        if (properties.flag("triage.routes.reload", true) && routes.startsWith("file:")) {
            try {
                context.addService(new RouteFileReloader(routes.substring("file:".length()), desks));
            } catch (Exception e) {
                throw new ConfigurationException("cannot watch " + routes + " for edited routes: " + e.getMessage());
            }
        }
    }

    private static DecisionSettings decisions(TriageProperties properties) {
        try {
            return DecisionSettings.parse(setting -> properties.optional(setting.key()),
                    setting -> properties.name(setting.key()));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    /** Once Camel has created its meter registry (only when metrics are enabled), add meters to it. */
    private static void onMeterRegistry(CamelContext context, Consumer<MeterRegistry> meters) {
        try {
            context.addStartupListener((started, alreadyStarted) ->
                    started.getRegistry().findByType(MeterRegistry.class).forEach(meters));
        } catch (Exception e) {
            throw new IllegalStateException("cannot register the triage metrics", e);
        }
    }

    /** The session may only close after the routes stopped; Camel stops services after routes. */
    private static void closeOnShutdown(CamelContext context, AutoCloseable resource) {
        try {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() throws Exception {
                    resource.close();
                }
            }, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot register " + resource + " for shutdown", e);
        }
    }
}
