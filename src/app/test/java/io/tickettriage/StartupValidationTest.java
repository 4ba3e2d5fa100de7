package io.tickettriage;

import io.tickettriage.sim.freshdesk.SimulatedFreshdesk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.sim.freshdesk.FreshdeskSimulator;
import io.tickettriage.sim.freshdesk.SimulatorSettings;
import io.tickettriage.adapter.HelpDeskAdapter;
import io.tickettriage.adapter.HelpDeskAdapters;
import io.tickettriage.state.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every misconfiguration stops startup with one line that says what to fix. */
class StartupValidationTest {

    private static final String API_KEY = FreshdeskTriageRouteTest.API_KEY;

    @TempDir
    Path state;
    FreshdeskSimulator simulator;

    @BeforeEach
    void startSimulator() {
        simulator = FreshdeskSimulator.start(SimulatorSettings.defaults(API_KEY, SimulatedFreshdesk.demoGroups()));
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    @Test
    void missingApiKey() {
        assertStartupFails(Map.of("freshdesk.api-key", ""),
                "freshdesk.api-key is not set: set FRESHDESK_API_KEY, or FRESHDESK_API_KEY_FILE to a file that holds it");
    }

    @Test
    void aRenamedKeyIsRefusedWithItsNewName() {
        assertStartupFails(Map.of("triage.retry.initial-delay-ms", "500"),
                "triage.retry.initial-delay-ms was renamed: set triage.retry.delay-ms (TRIAGE_RETRY_DELAY_MS) instead");
    }

    @Test
    void apiKeyFromAFile() throws Exception {
        Path secret = Files.writeString(state.resolve("key"), API_KEY + "\n");
        Main main = TriageRuntime.create(properties(Map.of("freshdesk.api-key", "",
                "freshdesk.api-key-file", secret.toString())), Clock.systemUTC());
        main.start();
        main.stop();
    }

    @Test
    void aHeadModelThatDoesNotExist() {
        Path missing = state.resolve("no-such-model");
        assertStartupFails(Map.of("triage.model.head.queue", missing.toString()),
                "triage.model.head.queue: model file " + missing.toAbsolutePath() + " does not exist");
    }

    @Test
    void aHeadModelFolderWithoutAModel() throws Exception {
        Path empty = Files.createDirectories(state.resolve("empty-bundle"));
        assertStartupFails(Map.of("triage.model.head.priority", empty.toString()),
                "triage.model.head.priority: " + empty.toAbsolutePath() + " holds neither model.onnx (a bundle "
                        + "written by ticket-triage train) nor config.json (a Hugging Face model)");
    }

    @Test
    void aModelForAHeadThePipelineDoesNotUse() {
        assertStartupFails(Map.of("triage.model.head.urgency", state.toString()),
                "triage.model.head.urgency names a head the pipeline does not use; it uses [queue, priority]");
    }

    @Test
    void aModelWithNeitherHeadTheServiceUses() throws Exception {
        Path model = Files.write(state.resolve("category.onnx"), TestModels.withOnly("category"));
        String message = startupFailure(Map.of("triage.model.path", model.toString()));
        assertTrue(message.startsWith("triage.model.path: "), message);
        assertTrue(message.endsWith(" has none of the heads the service uses [queue, priority] (it has [category]); "
                + "train it with --label queue=<column> or --label priority=<column>, or set "
                + "triage.model.head.<head> to a model that has one"), message);
    }

    @Test
    void aPriorityMappingTheUserSetForAModelWithoutAPriorityHead() throws Exception {
        Path model = Files.write(state.resolve("queue-only.onnx"), TestModels.withOnly("queue"));
        assertStartupFails(Map.of("triage.model.path", model.toString(),
                "freshdesk.priority-mapping", "low=1, medium=2, high=3, urgent=3"),
                "freshdesk.priority-mapping maps priority labels to Freshdesk values, but the model has no 'priority' "
                        + "head (its heads are [queue]), so none would be written: serve the priority with a model "
                        + "that has the head (train --label priority=<column>, or triage.model.head.priority), or "
                        + "remove freshdesk.priority-mapping to leave the priority as the desk has it");
    }

    @Test
    void aModelWithoutAPriorityHeadNeedsNoPriorityMapping() throws Exception {
        Path model = Files.write(state.resolve("queue-only.onnx"), TestModels.withOnly("queue"));
        Main main = TriageRuntime.create(properties(Map.of("triage.model.path", model.toString(),
                "freshdesk.priority-mapping", "")), Clock.systemUTC());
        main.start();
        main.stop();
    }

    @Test
    void wrongApiKey() {
        assertStartupFails(Map.of("freshdesk.api-key", "not-the-key"), "Freshdesk at " + simulator.baseUrl()
                + " refused our credentials (HTTP 401: invalid_credentials) while listing groups; check FRESHDESK_API_KEY"
                + " and its agent's permissions");
    }

    @Test
    void badUrl() {
        assertStartupFails(Map.of("freshdesk.base-url", "ftp//nowhere"),
                "freshdesk.base-url gives 'ftp//nowhere', which is not an http(s) URL with a host");
    }

    @Test
    void unmappedLabel() {
        assertStartupFails(Map.of("freshdesk.queue-mapping", RunningTriage.shippedMappingWith("freshdesk.queue-mapping",
                "billing", null)), "model label 'billing' is not mapped: add billing=<Freshdesk value> to "
                + "freshdesk.queue-mapping in config/application.properties");
    }

    @Test
    void groupTheAccountDoesNotHave() {
        String message = startupFailure(Map.of("freshdesk.queue-mapping",
                RunningTriage.shippedMappingWith("freshdesk.queue-mapping", "sales", "Salez")));
        assertTrue(message.startsWith("freshdesk.queue-mapping for 'sales' names the group 'Salez', which this "
                + "Freshdesk account "
                + "does not have; its groups are [Technical Support"), message);
    }

    @Test
    void missingModel() {
        Path missing = state.resolve("nope.onnx");
        assertStartupFails(Map.of("triage.model.path", missing.toString()),
                "triage.model.path: model file " + missing.toAbsolutePath() + " does not exist");
    }

    @Test
    void notAModel() throws Exception {
        Path garbage = Files.writeString(state.resolve("garbage.onnx"), "not a model");
        String message = startupFailure(Map.of("triage.model.path", garbage.toString()));
        assertTrue(message.startsWith("triage.model.path: " + garbage + " is not a model ONNX Runtime can load"),
                message);
    }

    @Test
    void badThreshold() {
        assertStartupFails(Map.of("triage.queue.min-confidence", "1.5"),
                "triage.queue.min-confidence must be a number between 0 and 1, was '1.5'");
    }

    @Test
    void badGoLiveTarget() {
        assertStartupFails(Map.of("triage.go-live.target-precision", "95%"),
                "triage.go-live.target-precision must be a precision above 0 and at most 1 (e.g. 0.9), or empty for "
                        + "off; was '95%'");
        assertStartupFails(Map.of("triage.go-live.target-precision", "0.95", "triage.go-live.min-support", "0"),
                "triage.go-live.min-support must be at least 1 ticket, was 0");
    }

    @Test
    void unknownHelpDesk() {
        assertStartupFails(Map.of("triage.helpdesk", "jira"),
                "triage.helpdesk is 'jira', which is not a help desk ticket-triage knows; use one of: "
                        + String.join(", ", HelpDeskAdapters.all().stream().map(HelpDeskAdapter::name).toList()));
    }

    @Test
    void secondInstanceOnTheSameStateDirectory() throws Exception {
        Main first = TriageRuntime.create(properties(Map.of()), Clock.systemUTC());
        first.start();
        try {
            assertStartupFails(Map.of(), "another ticket-triage is already running with the state directory "
                    + state.toAbsolutePath() + "; stop it, or give this one its own triage.state.directory");
        } finally {
            first.stop();
        }
        Main afterwards = TriageRuntime.create(properties(Map.of()), Clock.systemUTC());
        afterwards.start();
        afterwards.stop();
    }

    @Test
    void theStateDatabaseNeedsItsUrl() {
        assertStartupFails(Map.of("triage.state.store", "jdbc"), "triage.state.jdbc.url is not set: add it to "
                + "config/application.properties or set TRIAGE_STATE_JDBC_URL");
    }

    @Test
    void aStateDatabaseThatIsNotThere() {
        String message = startupFailure(Map.of("triage.state.store", "jdbc",
                "triage.state.jdbc.url", "jdbc:postgresql://127.0.0.1:1/triage",
                "triage.state.jdbc.username", TestDatabase.USER, "triage.state.jdbc.password", TestDatabase.PASSWORD));
        assertTrue(message.startsWith("cannot connect to the state database at jdbc:postgresql://127.0.0.1:1/triage "
                + "(triage.state.jdbc.url): Connection to 127.0.0.1:1 refused"), message);
        assertTrue(message.endsWith("; check triage.state.jdbc.url, triage.state.jdbc.username and "
                + "triage.state.jdbc.password"), message);
        assertFalse(message.contains("\n"), "one line");
    }

    @Test
    void aUrlThatIsNotADatabaseOne() {
        assertStartupFails(Map.of("triage.state.store", "jdbc", "triage.state.jdbc.url", "postgres://db/triage"),
                "cannot connect to the state database at postgres://db/triage (triage.state.jdbc.url): No suitable "
                        + "driver found for postgres://db/triage; check triage.state.jdbc.url, "
                        + "triage.state.jdbc.username and triage.state.jdbc.password");
    }

    @Test
    void aRefusedStateDatabasePasswordIsOneLineWithoutThePassword() {
        TestDatabase database = TestDatabase.fresh();
        Map<String, String> wrong = new HashMap<>(database.properties());
        wrong.put("triage.state.jdbc.password", "not-the-pg-password");
        try (LogCapture log = LogCapture.start()) {
            String message = startupFailure(wrong);
            assertEquals("cannot connect to the state database at " + database.url() + " (triage.state.jdbc.url): "
                    + "FATAL: password authentication failed for user \"triage\"; check triage.state.jdbc.url, "
                    + "triage.state.jdbc.username and triage.state.jdbc.password", message);
            assertFalse(log.text().contains("not-the-pg-password"), log.text());
        }
    }

    @Test
    void theStateDatabasePasswordFromAFileOrTheEnvironmentAndNeverInTheLog() throws Exception {
        TestDatabase database = TestDatabase.fresh();
        Path secret = Files.writeString(state.resolve("pg-password"), TestDatabase.PASSWORD + "\n");
        Map<String, String> fromFile = new HashMap<>(database.properties());
        fromFile.remove("triage.state.jdbc.password");
        try (LogCapture log = LogCapture.start()) {
            Map<String, String> withFile = new HashMap<>(fromFile);
            withFile.put("triage.state.jdbc.password-file", secret.toString());
            Main main = TriageRuntime.create(properties(withFile), Clock.systemUTC());
            main.start();
            main.stop();
            Main fromEnvironment = TriageRuntime.create(properties(fromFile), Clock.systemUTC(),
                    Map.of("TRIAGE_STATE_JDBC_PASSWORD", TestDatabase.PASSWORD));
            fromEnvironment.start();
            fromEnvironment.stop();
            assertTrue(log.text().contains("state in PostgreSQL at " + database.url()), log.text());
            assertFalse(log.text().contains(TestDatabase.PASSWORD), log.text());
        }
    }

    @Test
    void withTheStateInADatabaseTheStateDirectoryIsNotLocked() throws Exception {
        TestDatabase database = TestDatabase.fresh();
        Main first = TriageRuntime.create(properties(database.properties()), Clock.systemUTC());
        first.start();
        try {
            Main second = TriageRuntime.create(properties(Map.of()), Clock.systemUTC());
            second.start();
            second.stop();
        } finally {
            first.stop();
        }
    }

    @Test
    void aClusterNeedsTheStateInTheDatabase() {
        assertStartupFails(Map.of("triage.cluster.service", "file", "triage.cluster.file.root", state.toString()),
                "triage.cluster.service = file needs triage.state.store = jdbc: the nodes share the watermark and the "
                        + "write ledger through the database");
    }

    @Test
    void aFileClusterNeedsItsDirectory() {
        assertStartupFails(Map.of("triage.cluster.service", "file"),
                "triage.cluster.service = file needs triage.cluster.file.root: a directory every node of the help "
                        + "desk can lock files in");
    }

    @Test
    void theClusterServiceIsOneOfThoseThereAre() {
        assertStartupFails(Map.of("triage.cluster.service", "consul"),
                "triage.cluster.service must be one of [none, file, zookeeper, kubernetes], was 'consul'");
    }

    @Test
    void aZooKeeperClusterNeedsItsEnsemble() {
        assertStartupFails(Map.of("triage.cluster.service", "zookeeper"),
                "triage.cluster.service = zookeeper needs triage.cluster.zookeeper.nodes: the ensemble's servers as "
                        + "host:port,host:port");
        assertStartupFails(Map.of("triage.cluster.service", "zookeeper", "triage.cluster.zookeeper.nodes",
                "zk1:2181, zk2"), "triage.cluster.zookeeper.nodes must be host:port,host:port (no spaces), was "
                + "'zk1:2181, zk2'");
        assertStartupFails(Map.of("triage.cluster.service", "zookeeper", "triage.cluster.zookeeper.nodes",
                "zk1:2181", "triage.cluster.zookeeper.base-path", "ticket-triage/"),
                "triage.cluster.zookeeper.base-path must be an absolute path without a trailing slash, such as "
                        + "/ticket-triage, was 'ticket-triage/'");
    }

    @Test
    void aZooKeeperClusterNeedsTheStateInTheDatabaseToo() {
        assertStartupFails(Map.of("triage.cluster.service", "zookeeper", "triage.cluster.zookeeper.nodes",
                "zk1:2181"), "triage.cluster.service = zookeeper needs triage.state.store = jdbc: the nodes share the "
                + "watermark and the write ledger through the database");
    }

    @Test
    void aKubernetesLeaseOutlastsItsRenewalsAndTheirRetries() {
        assertStartupFails(Map.of("triage.cluster.service", "kubernetes",
                "triage.cluster.kubernetes.lease-duration", "PT10S"),
                "triage.cluster.kubernetes.lease-duration (PT10S) must be longer than "
                        + "triage.cluster.kubernetes.renew-deadline (PT10S)");
        assertStartupFails(Map.of("triage.cluster.service", "kubernetes",
                "triage.cluster.kubernetes.retry-period", "PT9S"),
                "triage.cluster.kubernetes.renew-deadline (PT10S) must be longer than 1.2 x "
                        + "triage.cluster.kubernetes.retry-period (PT9S)");
        assertStartupFails(Map.of("triage.cluster.service", "kubernetes",
                "triage.cluster.kubernetes.retry-period", "PT0S"),
                "triage.cluster.kubernetes.retry-period must be positive, was PT0S");
    }

    private void assertStartupFails(Map<String, String> overrides, String expected) {
        assertEquals(expected, startupFailure(overrides));
    }

    private String startupFailure(Map<String, String> overrides) {
        Main main = TriageRuntime.create(properties(overrides), Clock.systemUTC());
        Exception failure = assertThrows(Exception.class, main::start);
        main.stop();
        return TicketTriageApplication.startupProblem(failure);
    }

    private Map<String, String> properties(Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "freshdesk.base-url", simulator.baseUrl(),
                "freshdesk.api-key", API_KEY,
                "triage.state.directory", state.toString(),
                "camel.management.enabled", "false"));
        properties.putAll(overrides);
        return properties;
    }
}
