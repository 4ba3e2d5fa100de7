package io.tickettriage;

import io.tickettriage.model.CorpusTicket;
import io.tickettriage.model.DemoCorpus;
import io.tickettriage.sim.freshdesk.FreshdeskSimulator;
import io.tickettriage.sim.freshdesk.TicketDraft;
import java.util.ArrayList;
import java.util.List;

/** Tickets for the route tests, team-written: from the demo corpus (held-out part) or below. */
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

    /** Tickets that say too little for any model to be sure where they belong. */
    static List<Long> seedVague(FreshdeskSimulator simulator) {
        return List.of(
                simulator.createTicket(TicketDraft.open("Hello", "Could you get back to me please?")),
                simulator.createTicket(TicketDraft.open("Question", "I have a question, please call me back.")),
                simulator.createTicket(TicketDraft.open("Re: our call", "As discussed, see attached.")),
                simulator.createTicket(TicketDraft.open("Follow-up", "Any news on this?")));
    }
}
