package io.tickettriage.adapter.otobo;

import org.apache.camel.Variable;

/**
 * The Java half of the {@code otobo-update-ticket-sink} Kamelet: one TicketUpdate call per decision. Immutable apart
 * from the session it keeps from update to update. The credentials arrive at run time, as for
 * {@link OtoboTicketReader}.
 */
public final class OtoboTicketWriter {

    private final String baseUrl;
    private final boolean sessions;
    private final OtoboRoute sessionRoute;
    private final OtoboRoute updateRoute;
    private final OtoboSession session = new OtoboSession();

    public OtoboTicketWriter(String baseUrl, String authMode, String sessionRoute, String updateRoute) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.sessions = OtoboAuthentication.sessionMode(authMode);
        this.sessionRoute = OtoboRoute.parse(sessionRoute);
        this.updateRoute = OtoboRoute.parse(updateRoute);
    }

    public OtoboCall start(@Variable("update") OtoboUpdate update, @Variable("otoboUserLogin") String userLogin,
                           @Variable("otoboPassword") String password) {
        return new OtoboCall(baseUrl, new OtoboAuthentication(sessions, sessionRoute, userLogin, password), session,
                updateRoute, update.data(), "TicketUpdate of ticket " + update.ticketId());
    }
}
