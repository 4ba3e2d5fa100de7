package io.tickettriage;

import io.tickettriage.model.CorpusTicket;
import io.tickettriage.model.DemoCorpus;
import io.tickettriage.sim.FreshdeskSimulator;
import io.tickettriage.sim.TicketDraft;
import java.util.ArrayList;
import java.util.List;

/** Tickets for the route tests, from the team-written demo corpus (held-out part). */
final class TestTickets {

    private TestTickets() {
    }

    static List<Long> seed(FreshdeskSimulator simulator, int count) {
        List<CorpusTicket> corpus = DemoCorpus.load().heldOut();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CorpusTicket ticket = corpus.get(i % corpus.size());
            ids.add(simulator.createTicket(TicketDraft.open(ticket.subject(), ticket.descriptionHtml())));
        }
        return ids;
    }
}
