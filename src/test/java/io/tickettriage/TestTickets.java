package io.tickettriage;

import io.tickettriage.model.CorpusTicket;
import io.tickettriage.model.DemoCorpus;
import io.tickettriage.sim.freshdesk.FreshdeskSimulator;
import io.tickettriage.sim.freshdesk.TicketDraft;
import io.tickettriage.sim.zammad.ZammadSimulator;
import io.tickettriage.sim.zammad.ZammadTicketDraft;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** Tickets for the route tests, team-written: from the demo corpus (held-out part) or below. */
final class TestTickets {

    /** Tickets that say too little for any model to be sure where they belong: subject, body. */
    private static final List<List<String>> VAGUE = List.of(
            List.of("Hello", "Could you get back to me please?"),
            List.of("Question", "I have a question, please call me back."),
            List.of("Re: our call", "As discussed, see attached."),
            List.of("Follow-up", "Any news on this?"));

    private TestTickets() {
    }

    static List<Long> seed(FreshdeskSimulator simulator, int count) {
        return seed(count, (subject, html) -> simulator.createTicket(TicketDraft.open(subject, html)));
    }

    static List<Long> seed(ZammadSimulator simulator, int count) {
        return seed(count, (subject, html) -> simulator.createTicket(ZammadTicketDraft.email(subject, html)));
    }

    static List<Long> seedVague(FreshdeskSimulator simulator) {
        return VAGUE.stream().map(t -> simulator.createTicket(TicketDraft.open(t.get(0), t.get(1)))).toList();
    }

    static List<Long> seedVague(ZammadSimulator simulator) {
        return VAGUE.stream().map(t -> simulator.createTicket(ZammadTicketDraft.web(t.get(0), t.get(1)))).toList();
    }

    private static List<Long> seed(int count, BiFunction<String, String, Long> create) {
        List<CorpusTicket> corpus = DemoCorpus.load().heldOut();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CorpusTicket ticket = corpus.get(i % corpus.size());
            ids.add(create.apply(ticket.subject(), ticket.descriptionHtml()));
        }
        return ids;
    }
}
