package io.tickettriage.sim.zammad;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link ZammadSimulator} behaves.
 *
 * @param port           TCP port on 127.0.0.1; 0 picks any free port
 * @param apiToken       the API token of the agent the simulator serves (sent as {@code Token token=…} or Bearer)
 * @param basicLogin     the same agent's login and password for HTTP Basic, if password access is used
 * @param legacySearch   answer {@code GET /api/v1/tickets/search} without {@code expand} the way Zammad up to 5.x
 *                       does ({@code {"tickets":[ids],"tickets_count":n,"assets":{…}}}) instead of an array
 * @param groupsListable whether the agent may list groups ({@code admin.group}, or any agent on Zammad 6.5+)
 * @param elasticsearch  whether Zammad has its search index; without it, the ticket search finds nothing for a
 *                       query on attributes (Zammad issue #1415) and answers an empty result
 * @param groups         group names; the first one gets id 1 and is where customers' tickets arrive
 * @param clock          drives created_at and updated_at
 * @param indexLag       the longest a ticket change takes to reach the search index: each change becomes findable
 *                       by the search only after its own random delay from 0 to this, so the index catches up out of
 *                       order, as Zammad's background indexing does; zero: at once
 */
public record ZammadSettings(int port, String apiToken, Optional<BasicLogin> basicLogin, boolean legacySearch,
                             boolean groupsListable, boolean elasticsearch, List<String> groups, Clock clock,
                             Duration indexLag) {

    /** Zammad's own first group, where new tickets land unless routing says otherwise. */
    public static final String INCOMING_GROUP = "Users";

    /** An agent's login and password. */
    public record BasicLogin(String login, String password) {

        public BasicLogin {
            // A colon would end the user name inside a Basic credential, so such a login could never authenticate.
            if (login == null || login.isBlank() || login.contains(":") || password == null || password.isEmpty()) {
                throw new IllegalArgumentException("a Basic login needs a non-blank login without ':' and a password");
            }
        }
    }

    public ZammadSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (apiToken == null || apiToken.isBlank() || apiToken.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("the API token must be non-blank and free of whitespace");
        }
        Objects.requireNonNull(basicLogin, "basicLogin");
        groups = List.copyOf(groups);
        if (groups.isEmpty() || new HashSet<>(groups).size() != groups.size()) {
            throw new IllegalArgumentException("groups must be non-empty and unique: " + groups);
        }
        Objects.requireNonNull(clock, "clock");
        if (indexLag == null || indexLag.isNegative()) {
            throw new IllegalArgumentException("the index lag must not be negative: " + indexLag);
        }
    }

    /** Any free port, token access only, the current search shape, groups listable, a search index, system time. */
    public static ZammadSettings defaults(String apiToken, List<String> groups) {
        return new ZammadSettings(0, apiToken, Optional.empty(), false, true, true, groups, Clock.systemUTC(),
                Duration.ZERO);
    }

    public ZammadSettings withPort(int newPort) {
        return new ZammadSettings(newPort, apiToken, basicLogin, legacySearch, groupsListable, elasticsearch, groups,
                clock, indexLag);
    }

    public ZammadSettings withBasicLogin(String login, String password) {
        return new ZammadSettings(port, apiToken, Optional.of(new BasicLogin(login, password)), legacySearch,
                groupsListable, elasticsearch, groups, clock,
                indexLag);
    }

    public ZammadSettings withLegacySearch(boolean legacy) {
        return new ZammadSettings(port, apiToken, basicLogin, legacy, groupsListable, elasticsearch, groups, clock,
                indexLag);
    }

    public ZammadSettings withGroupsListable(boolean listable) {
        return new ZammadSettings(port, apiToken, basicLogin, legacySearch, listable, elasticsearch, groups, clock,
                indexLag);
    }

    public ZammadSettings withElasticsearch(boolean indexed) {
        return new ZammadSettings(port, apiToken, basicLogin, legacySearch, groupsListable, indexed, groups, clock,
                indexLag);
    }

    public ZammadSettings withGroups(List<String> newGroups) {
        return new ZammadSettings(port, apiToken, basicLogin, legacySearch, groupsListable, elasticsearch, newGroups,
                clock, indexLag);
    }

    public ZammadSettings withIndexLag(Duration lag) {
        return new ZammadSettings(port, apiToken, basicLogin, legacySearch, groupsListable, elasticsearch, groups,
                clock, lag);
    }

    public ZammadSettings withClock(Clock newClock) {
        return new ZammadSettings(port, apiToken, basicLogin, legacySearch, groupsListable, elasticsearch, groups,
                newClock, indexLag);
    }
}
