package io.tickettriage.adapter.freshdesk;

import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.TicketWrites;
import io.tickettriage.adapter.UpdateSettings;
import io.tickettriage.triage.HelpDeskApiException;
import io.tickettriage.triage.TriageDecision;
import io.tickettriage.triage.WritePlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The bean of the {@code freshdesk-update-ticket-action} Kamelet: writes a {@link TriageDecision} (or finishes a
 * {@link WritePlan} an earlier poll left open) with the write protocol, and returns its body unchanged. Configured
 * through its setters and its {@link UpdateSettings}; the worker is built on first use, when every setting is checked.
 */
public final class FreshdeskUpdateAction extends FreshdeskKameletBean<TicketWrites> {

    private final UpdateSettings update = new UpdateSettings();

    public UpdateSettings getUpdate() {
        return update;
    }

    public TriageDecision write(TriageDecision decision) {
        return worker().write(decision);
    }

    public WritePlan write(WritePlan plan) {
        return worker().write(plan);
    }

    @Override
    protected TicketWrites build() {
        HelpDeskHttp http = http();
        FreshdeskFieldMapping mapping = mapping(http);
        FreshdeskListedTags listed = listedTags();
        FreshdeskWrites desk = new FreshdeskWrites(http, listed);
        return new TicketWrites(update.ledger(context()), decision -> mapping.toPlan(decision,
                listed.take(decision.ticket().id()).orElseGet(() -> desk.currentTags(decision.ticket().id()))),
                desk, update.dryRun());
    }

    /** The mapping from the Kamelet's own properties, group names resolved to ids once, here. */
    private FreshdeskFieldMapping mapping(HelpDeskHttp http) {
        Map<String, String> queues = update.queues("the Freshdesk update Kamelet", "label=Group pairs");
        Supplier<Map<String, Long>> groups = FreshdeskAdapter.memoize(() -> {
            try {
                return new FreshdeskGroupDirectory(http).groups();
            } catch (HelpDeskApiException e) {
                throw new IllegalArgumentException("the Freshdesk update Kamelet cannot resolve its group names: "
                        + e.getMessage(), e);
            }
        });
        Map<String, Long> groupIds = new LinkedHashMap<>();
        queues.forEach((label, group) -> groupIds.put(label, FreshdeskAdapter.findGroup(group, groups)
                .orElseThrow(() -> new IllegalArgumentException("queueMapping names the group '" + group + "' for '"
                        + label + "', which this Freshdesk account does not have; its groups are "
                        + groups.get().keySet()))));
        Optional<Long> review = update.review().map(name -> FreshdeskAdapter.findGroup(name, groups).orElseThrow(() ->
                new IllegalArgumentException("reviewGroup names the group '" + name + "', which this Freshdesk "
                        + "account does not have; its groups are " + groups.get().keySet())));
        Map<String, String> defaults = new LinkedHashMap<>();
        List<String> names = FreshdeskAdapter.PRIORITY_NAMES;
        names.forEach(name -> defaults.put(name, name));
        Map<String, Integer> priorities = new LinkedHashMap<>();
        update.priorities(defaults).forEach((label, value) -> priorities.put(label,
                FreshdeskAdapter.priority("priorityMapping '" + label + "'", value)));
        return new FreshdeskFieldMapping(groupIds, priorities, review, update.markerTag(), update.reviewTag(),
                update.note());
    }
}
