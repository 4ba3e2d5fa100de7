package io.tickettriage;

import io.tickettriage.model.CorpusTicket;
import io.tickettriage.model.DemoCorpus;
import io.tickettriage.sim.SimulatedHelpDesk;
import io.tickettriage.sim.freshdesk.FreshdeskSimulator;
import io.tickettriage.sim.freshdesk.TicketDraft;
import io.tickettriage.sim.zammad.ZammadSimulator;
import io.tickettriage.sim.zammad.ZammadTicketDraft;
import java.util.ArrayList;
import java.util.List;

/** Tickets for the route tests, team-written: from the demo corpus (held-out part) or below. */
public final class TestTickets {

    /** Tickets that say too little for any model to be sure where they belong: subject, body. */
    private static final List<List<String>> VAGUE = List.of(
            List.of("Hello", "Could you get back to me please?"),
            List.of("Question", "I have a question, please call me back."),
            List.of("Re: our call", "As discussed, see attached."),
            List.of("Follow-up", "Any news on this?"));

    private TestTickets() {
    }

    public static List<Long> seed(FreshdeskSimulator simulator, int count) {
        return corpus(count).stream()
                .map(ticket -> simulator.createTicket(TicketDraft.open(ticket.subject(), ticket.descriptionHtml())))
                .toList();
    }

    /** The same tickets as a customer's HTML mails in Zammad. */
    static List<Long> seed(ZammadSimulator simulator, int count) {
        return corpus(count).stream().map(ticket -> simulator.createTicket(ZammadTicketDraft.email(ticket.subject(),
                ticket.descriptionHtml()))).toList();
    }

    /** The same tickets in any help desk. */
    public static List<String> seed(SimulatedHelpDesk helpDesk, int count) {
        return corpus(count).stream().map(ticket -> helpDesk.createTicket(ticket.subject(), ticket.description()))
                .toList();
    }

    static List<Long> seedVague(FreshdeskSimulator simulator) {
        return VAGUE.stream().map(ticket -> simulator.createTicket(TicketDraft.open(ticket.get(0), ticket.get(1))))
                .toList();
    }

    static List<Long> seedVague(ZammadSimulator simulator) {
        return VAGUE.stream().map(ticket -> simulator.createTicket(ZammadTicketDraft.web(ticket.get(0),
                ticket.get(1)))).toList();
    }

    static List<String> seedVague(SimulatedHelpDesk helpDesk) {
        return VAGUE.stream().map(ticket -> helpDesk.createTicket(ticket.get(0), ticket.get(1))).toList();
    }

    /** The ticket {@code seed} files as its {@code index}th (counting from 0). */
    static CorpusTicket seeded(int index) {
        List<CorpusTicket> corpus = DemoCorpus.load().heldOut();
        return corpus.get(index % corpus.size());
    }

    private static List<CorpusTicket> corpus(int count) {
        List<CorpusTicket> tickets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tickets.add(seeded(i));
        }
        return tickets;
    }
}
