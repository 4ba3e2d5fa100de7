import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.SimulatedHelpDesks;
import java.nio.file.*;
import java.time.Clock;
import java.util.*;
import java.util.concurrent.TimeUnit;

/**
 * A foreign Camel application, as a user would start it: plain camel-main from the jar, with one YAML route file of
 * its own (src/test/resources/foreign-app/triage-<desk>.camel.yaml) and its own settings as environment variables,
 * against a simulator of the desk with five tickets written here. Prints how often each ticket was written, its notes
 * and its marker. Usage: java -cp target/ticket-triage.jar src/bench/ForeignYamlRun.java DESK JAR ROUTE_FILE
 */
public class ForeignYamlRun {
    public static void main(String[] args) throws Exception {
        String desk = args[0];
        String[][] tickets = {
            {"Charged twice this month", "<p>My card shows two payments for invoice 5512. Please refund one.</p>"},
            {"Locked out after reset", "<p>After the password reset the login page says my account is locked.</p>"},
            {"Parcel never arrived", "<p>Order 88412 has not moved in tracking for a week.</p>"},
            {"VPN client crashes", "<p>The VPN client crashes every time I start it since the update.</p>"},
            {"Quote for 40 seats", "<p>Could you send us a quote for 40 seats of the business plan?</p>"}};
        try (SimulatedHelpDesk sim = SimulatedHelpDesks.start(desk, 0, Clock.systemUTC())) {
            List<String> ids = new ArrayList<>();
            for (String[] t : tickets) ids.add(sim.createTicket(t[0], t[1]));
            Map<String, String> p = sim.adapterProperties();
            Path state = Files.createTempDirectory("acme-state");
            ProcessBuilder pb = new ProcessBuilder("java", "-cp", args[1], "org.apache.camel.main.Main");
            Map<String, String> env = pb.environment();
            env.put("CAMEL_MAIN_ROUTESINCLUDEPATTERN", "file:" + args[2]);
            env.put("ACME_" + desk.toUpperCase() + "_URL", p.get(desk + ".base-url"));
            env.put("ACME_FRESHDESK_API_KEY", p.getOrDefault("freshdesk.api-key", ""));
            env.put("ACME_ZAMMAD_API_TOKEN", p.getOrDefault("zammad.api-token", ""));
            env.put("ACME_OTOBO_LOGIN", p.getOrDefault("otobo.user-login", ""));
            env.put("ACME_OTOBO_PASSWORD", p.getOrDefault("otobo.password", ""));
            env.put("ACME_STATE", state.toString());
            pb.redirectErrorStream(true).redirectOutput(Path.of("target", "foreign-yaml-" + desk + ".log").toFile());
            long t0 = System.nanoTime();
            Process proc = pb.start();
            proc.waitFor(25, TimeUnit.SECONDS);
            proc.destroy();
            proc.waitFor(10, TimeUnit.SECONDS);
            int notes = 0;
            for (String id : ids) notes += sim.ticket(id).notes().size();
            System.out.printf("%s: %d tickets, updates by ticket %s, notes %d, marked %d%n", desk, ids.size(),
                    sim.updatesByTicket(), notes, ids.stream().filter(id -> sim.ticket(id).tags().contains("triaged")).count());
        }
    }
}
