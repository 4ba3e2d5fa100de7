package io.tickettriage.adapter;

import io.tickettriage.adapter.freshdesk.FreshdeskAdapter;
import io.tickettriage.adapter.otobo.OtoboAdapter;
import io.tickettriage.adapter.rt.RtAdapter;
import io.tickettriage.adapter.zammad.ZammadAdapter;
import io.tickettriage.config.ConfigurationException;
import java.util.List;

/** The help desks ticket-triage knows, by their {@code triage.helpdesk} name. */
public final class HelpDeskAdapters {

    private static final List<HelpDeskAdapter> ALL = List.of(new FreshdeskAdapter(), new ZammadAdapter(),
            new OtoboAdapter(), new RtAdapter());

    private HelpDeskAdapters() {
    }

    public static List<HelpDeskAdapter> all() {
        return ALL;
    }

    public static HelpDeskAdapter named(String name) {
        return ALL.stream().filter(adapter -> adapter.name().equals(name)).findFirst()
                .orElseThrow(() -> new ConfigurationException("triage.helpdesk is '" + name + "', which is not a help "
                        + "desk ticket-triage knows; use one of: "
                        + String.join(", ", ALL.stream().map(HelpDeskAdapter::name).toList())));
    }
}
