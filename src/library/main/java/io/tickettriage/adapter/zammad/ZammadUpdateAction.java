package io.tickettriage.adapter.zammad;

import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.NamedLabels;
import io.tickettriage.adapter.TicketWrites;
import io.tickettriage.adapter.WriteSettings;
import java.util.List;
import io.tickettriage.triage.TriageDecision;
import io.tickettriage.triage.WritePlan;

/**
 * The bean of the {@code zammad-update-ticket-action} Kamelet: writes a {@link TriageDecision}, or finishes a
 * {@link WritePlan} an earlier poll left open, with the write protocol ({@link TicketWrites}) and returns its body
 * unchanged. Its worker is built on first use, from its {@link ZammadSettings}.
 */
public final class ZammadUpdateAction extends ZammadKameletBean<TicketWrites> {

    private static final String KAMELET = "zammad-update-ticket-action";

    public ZammadUpdateAction() {
        super(KAMELET);
    }

    public TriageDecision write(TriageDecision decision) {
        return worker().write(decision);
    }

    public WritePlan write(WritePlan plan) {
        return worker().write(plan);
    }

    @Override
    protected TicketWrites build(ZammadSettings settings) {
        HelpDeskHttp http = client(settings);
        WriteSettings update = settings.write();
        ZammadFieldMapping mapping = mapping(new ZammadServer(http, settings.authentication()), update);
        return new TicketWrites(update.ledger(context()), mapping::plan, new ZammadWrites(http),
                update.dryRun(), settings.policy().redaction().redactor());
    }

    /** The mapping from the Kamelet's own properties; priority names are checked against Zammad's, once, here. */
    private static ZammadFieldMapping mapping(ZammadServer server, WriteSettings update) {
        update.queues(KAMELET, "label=Group pairs");
        NamedLabels labels = ZammadAdapter.labels(update.queueMapping(), update.priorityMapping(), update.review());
        List<String> known = server.priorities();
        labels.priorities().forEach((label, name) -> {
            if (!known.contains(name)) {
                throw new IllegalArgumentException(KAMELET + ": priorityMapping maps '" + label + "' to '" + name
                        + "', which this Zammad does not have; its priorities are " + known);
            }
        });
        server.groups().ifPresent(names -> labels.queues().forEach((label, group) -> {
            if (!names.contains(group)) {
                throw new IllegalArgumentException(KAMELET + ": queueMapping maps '" + label + "' to the group '"
                        + group + "', which this Zammad does not have; its groups are " + names);
            }
        }));
        return new ZammadFieldMapping(labels.queues(), labels.priorities(), labels.reviewQueue(), update.markerTag(),
                update.reviewTag(), update.duplicateTag(), update.note());
    }
}
