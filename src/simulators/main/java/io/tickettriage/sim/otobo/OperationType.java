package io.tickettriage.sim.otobo;

/**
 * The operation modules the simulator implements ({@code Type} in a web service's provider configuration). Error codes
 * carry the module's name, not the operation's configured name: a custom {@code TicketSearchPOST} operation of type
 * Ticket::TicketSearch still answers {@code TicketSearch.AuthFail}.
 */
public enum OperationType {
    SESSION_CREATE("Session::SessionCreate"),
    TICKET_GET("Ticket::TicketGet"),
    TICKET_SEARCH("Ticket::TicketSearch"),
    TICKET_UPDATE("Ticket::TicketUpdate");

    private final String module;

    OperationType(String module) {
        this.module = module;
    }

    /** "Ticket::TicketGet". */
    public String module() {
        return module;
    }

    /** "TicketGet", the prefix of its error codes and messages. */
    public String shortName() {
        return module.substring(module.indexOf("::") + 2);
    }
}
