package io.tickettriage.adapter.otobo;

import io.tickettriage.adapter.NamedLabels;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What one poll's {@link OtoboListing} needs, checked once: the client, the routes, the selection and the page
 * sizes. Immutable.
 *
 * @param queues      queue names whose tickets need triage; empty means every queue
 * @param states      state names; empty means every state
 * @param markerField the dynamic field that marks triaged tickets, if any
 * @param tagsField   the dynamic field our tags go to, whose values an outcome reports, if any
 * @param labels      the mappings to read outcomes with; empty: no outcomes
 */
record OtoboTicketFetch(OtoboClient client, OtoboRoute searchRoute, OtoboRoute getRoute, List<String> queues,
                        List<String> states, int pageSize, int maxPagesPerPoll, int batchSize, OtoboTime time,
                        Optional<String> markerField, Optional<String> tagsField, String markerTag,
                        Optional<NamedLabels> labels, Clock clock) {

    /** The most ids one search may be asked for, when tickets sharing one change time fill a whole page. */
    static final int MAX_LIMIT = 10_000;
    static final int MAX_BATCH = 100;

    OtoboTicketFetch {
        if (pageSize < 1 || pageSize > MAX_LIMIT) {
            throw new IllegalArgumentException("the OTOBO page size must be 1.." + MAX_LIMIT + ", was " + pageSize);
        }
        if (maxPagesPerPoll < 1) {
            throw new IllegalArgumentException("OTOBO maxPagesPerPoll must be positive, was " + maxPagesPerPoll);
        }
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException("the OTOBO TicketGet batch size must be 1.." + MAX_BATCH + ", was "
                    + batchSize);
        }
        if (markerTag == null || markerTag.isBlank()) {
            throw new IllegalArgumentException("the OTOBO marker value (markerTag) must not be empty");
        }
        queues = List.copyOf(queues);
        states = List.copyOf(states);
    }

    /** A field name, or empty when the setting is blank or "-" (switched off). */
    static Optional<String> optionalName(String setting) {
        String name = setting == null ? "" : setting.strip();
        return name.isEmpty() || name.equals("-") ? Optional.empty() : Optional.of(name);
    }

    static List<String> list(String commaSeparated) {
        return commaSeparated == null ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
