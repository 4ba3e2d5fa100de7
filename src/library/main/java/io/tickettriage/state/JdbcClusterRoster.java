package io.tickettriage.state;

import io.tickettriage.cluster.ClusterRoster;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The cluster's roster as the state database's {@code cluster_node} table, one row per node. */
public record JdbcClusterRoster(StateDatabase database) implements ClusterRoster {

    @Override
    public void renew(String node, Set<String> leads) {
        database.inTransaction("renew the cluster node " + node, connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO cluster_node (node, seen_at, "
                    + "leads) VALUES (?, now(), ?) ON CONFLICT (node) DO UPDATE SET seen_at = now(), "
                    + "leads = EXCLUDED.leads")) {
                upsert.setString(1, node);
                upsert.setString(2, String.join(",", leads));
                return upsert.executeUpdate();
            }
        });
    }

    @Override
    public Map<String, Set<String>> living(Duration window) {
        List<String[]> rows = database.inTransaction("read the cluster's nodes", connection -> Sql.rows(connection,
                "SELECT node, leads FROM cluster_node WHERE seen_at > now() - make_interval(secs => ?::float8)",
                row -> new String[] {row.getString(1), row.getString(2)},
                String.valueOf(window.toMillis() / 1000.0)));
        Map<String, Set<String>> living = new TreeMap<>();
        for (String[] row : rows) {
            living.put(row[0], new TreeSet<>(Arrays.stream(row[1].split(",")).filter(d -> !d.isEmpty()).toList()));
        }
        return living;
    }

    @Override
    public void leave(String node) {
        database.inTransaction("leave the cluster as " + node, connection ->
                Sql.update(connection, "DELETE FROM cluster_node WHERE node = ?", node));
    }
}
