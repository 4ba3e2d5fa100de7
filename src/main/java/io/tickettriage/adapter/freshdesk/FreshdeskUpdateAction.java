package io.tickettriage.adapter.freshdesk;

import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.LabelMapping;
import io.tickettriage.adapter.TicketWrites;
import io.tickettriage.adapter.WriteLedgers;
import io.tickettriage.triage.HelpDeskApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import io.tickettriage.triage.TriageDecision;
import io.tickettriage.triage.WriteLedger;
import io.tickettriage.triage.WritePlan;

/**
 * The bean of the {@code freshdesk-update-ticket-action} Kamelet: writes a {@link TriageDecision} (or finishes a
 * {@link WritePlan} an earlier poll left open) with the write protocol, and returns its body unchanged. Configured
 * through its setters; the worker is built on first use, when every setting is checked.
 */
public final class FreshdeskUpdateAction extends FreshdeskKameletBean<TicketWrites> {

    private String ledgerName = "writeLedger";
    private String stateDirectory = "ticket-triage-state";
    private String fieldMappingName = FreshdeskAdapter.MAPPING_BEAN;
    private String queueMapping = "";
    private String priorityMapping = "";
    private String reviewGroup = "";
    private String markerTag = "triaged";
    private String reviewTag = "needs-review";
    private boolean note = true;
    private boolean dryRun;

    /** The registry name of the write ledger; without such a bean, a file ledger in {@code stateDirectory}. */
    public void setLedgerName(String ledgerName) {
        this.ledgerName = ledgerName;
    }

    public void setStateDirectory(String stateDirectory) {
        this.stateDirectory = stateDirectory;
    }

    /**
     * The registry name of a {@link FreshdeskFieldMapping} (ticket-triage's own application binds one); without
     * such a bean the mapping comes from {@code queueMapping} and the settings below.
     */
    public void setFieldMappingName(String fieldMappingName) {
        this.fieldMappingName = fieldMappingName;
    }

    /** {@code label=Group name or id} pairs, comma-separated ({@code \,} for a comma in a name). */
    public void setQueueMapping(String queueMapping) {
        this.queueMapping = queueMapping;
    }

    /** {@code label=1..4 or low/medium/high/urgent} pairs; empty: low, medium, high and urgent as Freshdesk's. */
    public void setPriorityMapping(String priorityMapping) {
        this.priorityMapping = priorityMapping;
    }

    public void setReviewGroup(String reviewGroup) {
        this.reviewGroup = reviewGroup;
    }

    public void setMarkerTag(String markerTag) {
        this.markerTag = markerTag;
    }

    public void setReviewTag(String reviewTag) {
        this.reviewTag = reviewTag;
    }

    public void setNote(boolean note) {
        this.note = note;
    }

    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public TriageDecision write(TriageDecision decision) {
        return worker().write(decision);
    }

    public WritePlan write(WritePlan plan) {
        return worker().write(plan);
    }

    @Override
    protected TicketWrites build() {
        WriteLedger ledger = WriteLedgers.forKamelet(context(), ledgerName, stateDirectory);
        HelpDeskHttp http = http();
        FreshdeskFieldMapping mapping = bound().orElseGet(() -> mapping(http));
        FreshdeskListedTags listed = listedTags();
        FreshdeskWrites desk = new FreshdeskWrites(http, listed);
        return new TicketWrites(ledger, decision -> mapping.toPlan(decision, listed.take(decision.ticket().id())
                .orElseGet(() -> desk.currentTags(decision.ticket().id()))), desk, dryRun);
    }

    private Optional<FreshdeskFieldMapping> bound() {
        if (fieldMappingName == null || fieldMappingName.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(context().getRegistry().lookupByNameAndType(fieldMappingName.strip(),
                FreshdeskFieldMapping.class));
    }

    /** The mapping from the Kamelet's own properties, group names resolved to ids once, here. */
    private FreshdeskFieldMapping mapping(HelpDeskHttp http) {
        Map<String, String> queues = LabelMapping.parse(queueMapping, "queueMapping");
        if (queues.isEmpty()) {
            throw new IllegalArgumentException("the Freshdesk update Kamelet needs queueMapping (label=Group pairs), "
                    + "or a FreshdeskFieldMapping bean named by fieldMapping");
        }
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
        Optional<Long> review = reviewGroup == null || reviewGroup.isBlank() ? Optional.empty()
                : Optional.of(FreshdeskAdapter.findGroup(reviewGroup.strip(), groups).orElseThrow(() ->
                        new IllegalArgumentException("reviewGroup names the group '" + reviewGroup + "', which this "
                                + "Freshdesk account does not have; its groups are " + groups.get().keySet())));
        Map<String, String> priorityNames = LabelMapping.parse(priorityMapping, "priorityMapping");
        Map<String, Integer> priorities = new LinkedHashMap<>();
        if (priorityNames.isEmpty()) {
            List<String> names = FreshdeskAdapter.PRIORITY_NAMES;
            for (int i = 0; i < names.size(); i++) {
                priorities.put(names.get(i), i + 1);
            }
        } else {
            priorityNames.forEach((label, value) -> priorities.put(label,
                    FreshdeskAdapter.priority("priorityMapping '" + label + "'", value)));
        }
        return new FreshdeskFieldMapping(groupIds, priorities, review, markerTag, reviewTag, note);
    }
}
