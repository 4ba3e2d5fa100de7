package io.tickettriage.sim;

import java.util.List;

/**
 * The fictional Nordlicht Systems help desk that every simulator sets up for the demo and the tests: the queues the
 * bundled model's labels are mapped to in {@code config/application.properties}, for every help desk alike.
 */
public final class DemoDesk {

    /** Where uncertain tickets go ({@code <helpdesk>.review-group} or {@code otobo.review-queue}). */
    public static final String REVIEW_QUEUE = "Triage Review";

    /** The triage target queues, the review queue last. Each help desk adds its own incoming queue. */
    public static final List<String> QUEUES = List.of("Technical Support", "Account & Access", "Billing & Payments",
            "Orders & Shipping", "Returns & Refunds", "Sales", "Service Outages", "General Inquiries", REVIEW_QUEUE);

    private DemoDesk() {
    }
}
