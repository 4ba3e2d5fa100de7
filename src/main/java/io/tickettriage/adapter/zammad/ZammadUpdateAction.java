package io.tickettriage.adapter.zammad;

import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.LabelMapping;
import io.tickettriage.adapter.TicketWrites;
import io.tickettriage.adapter.WriteLedgers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.tickettriage.triage.TriageDecision;
import io.tickettriage.triage.WriteLedger;
import io.tickettriage.triage.WritePlan;

/**
 * The bean of the {@code zammad-update-ticket-action} Kamelet: writes a {@link TriageDecision}, or finishes a
 * {@link WritePlan} an earlier poll left open, with the write protocol ({@link TicketWrites}) and returns its body
 * unchanged. Its settings are named properties; the worker is built and checked on first use.
 */
public final class ZammadUpdateAction extends ZammadKameletBean<TicketWrites> {

    private static final String KAMELET = "zammad-update-ticket-action";

    /** Zammad's default priorities; a fresh Zammad has no fourth, so urgent shares the highest. */
    private static final Map<String, String> DEFAULT_PRIORITIES = Map.of("low", "1 low", "medium", "2 normal",
            "high", "3 high", "urgent", "3 high");

    private String fieldMappingName = ZammadAdapter.MAPPING_BEAN;
    private String ledgerName = "writeLedger";
    private String stateDirectory = "ticket-triage-state";
    private String queueMapping = "";
    private String priorityMapping = "";
    private String reviewGroup = "";
    private String markerTag = "triaged";
    private String reviewTag = "needs-review";
    private boolean note = true;
    private boolean dryRun;

    /**
     * The registry name of a {@link ZammadFieldMapping} (ticket-triage's own application binds one); without such a
     * bean the mapping comes from {@code queueMapping} and the settings below.
     */
    public void setFieldMappingName(String fieldMappingName) {
        this.fieldMappingName = fieldMappingName;
    }

    /** The registry name of the write ledger; without such a bean, a file ledger in {@code stateDirectory}. */
    public void setLedgerName(String ledgerName) {
        this.ledgerName = ledgerName;
    }

    public void setStateDirectory(String stateDirectory) {
        this.stateDirectory = stateDirectory;
    }

    /** {@code label=Group name} pairs, comma-separated ({@code \,} for a comma in a name). */
    public void setQueueMapping(String queueMapping) {
        this.queueMapping = queueMapping;
    }

    /** {@code label=Priority name} pairs; empty: low, medium, high and urgent to Zammad's default priorities. */
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
        ZammadAuthentication authentication = authentication(KAMELET);
        HelpDeskHttp http = client(authentication, KAMELET);
        ZammadFieldMapping mapping = bound().orElseGet(() -> mapping(new ZammadServer(http, authentication)));
        return new TicketWrites(ledger, mapping::plan, new ZammadWrites(http, authentication), dryRun);
    }

    private Optional<ZammadFieldMapping> bound() {
        if (fieldMappingName == null || fieldMappingName.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(context().getRegistry().lookupByNameAndType(fieldMappingName.strip(),
                ZammadFieldMapping.class));
    }

    /** The mapping from the Kamelet's own properties; priority names are checked against Zammad's, once, here. */
    private ZammadFieldMapping mapping(ZammadServer server) {
        Map<String, String> groups = LabelMapping.parse(queueMapping, "queueMapping");
        if (groups.isEmpty()) {
            throw new IllegalArgumentException(KAMELET + ": set queueMapping (label=Group pairs), or name a "
                    + "ZammadFieldMapping bean with fieldMapping");
        }
        Map<String, String> priorities = LabelMapping.parse(priorityMapping, "priorityMapping");
        if (priorities.isEmpty()) {
            priorities = DEFAULT_PRIORITIES;
        }
        List<String> known = server.priorities();
        priorities.forEach((label, name) -> {
            if (!known.contains(name)) {
                throw new IllegalArgumentException(KAMELET + ": priorityMapping maps '" + label + "' to '" + name
                        + "', which this Zammad does not have; its priorities are " + known);
            }
        });
        server.groups().ifPresent(names -> groups.forEach((label, group) -> {
            if (!names.contains(group)) {
                throw new IllegalArgumentException(KAMELET + ": queueMapping maps '" + label + "' to the group '"
                        + group + "', which this Zammad does not have; its groups are " + names);
            }
        }));
        Optional<String> review = reviewGroup == null || reviewGroup.isBlank() ? Optional.empty()
                : Optional.of(reviewGroup.strip());
        return new ZammadFieldMapping(groups, priorities, review, markerTag, reviewTag, note);
    }
}
