package io.tickettriage.sim.otobo;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How an {@link OtoboSimulator} behaves.
 *
 * @param port               TCP port on 127.0.0.1; 0 picks any free port
 * @param product            the URL prefix: otobo, znuny or otrs ({@code /<product>/nph-genericinterface.pl/…})
 * @param webserviceName     the web service's name ({@code …/Webservice/<name>/…})
 * @param webserviceId       its id ({@code …/WebserviceID/<id>/…})
 * @param routes             the web service's route table
 * @param userLogin          the one agent's login
 * @param password           and password
 * @param sessionMaxTime     SessionMaxTime: a session's longest life (OTOBO: 16 hours)
 * @param sessionMaxIdleTime SessionMaxIdleTime (OTOBO: 2 hours). GenericInterface sessions never refresh their last
 *                           request time, so in effect this ends them that long after they were created
 * @param searchLimit        TicketSearch###SearchLimit, the result size when a search sends no Limit (OTOBO: 500)
 * @param timeZone           OTOBOTimeZone, in which timestamps are written and search dates read
 * @param confidenceField    name of the text dynamic field for the triage confidence
 * @param markerField        name of the multiselect dynamic field for the triage marker
 * @param clock              drives timestamps, ages and session expiry
 */
public record OtoboSettings(int port, String product, String webserviceName, int webserviceId, RouteTable routes,
                            String userLogin, String password, Duration sessionMaxTime, Duration sessionMaxIdleTime,
                            int searchLimit, ZoneId timeZone, String confidenceField, String markerField,
                            Clock clock) {

    public OtoboSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (!product.matches("[a-z]+")) {
            throw new IllegalArgumentException("product must be a plain path segment such as otobo: " + product);
        }
        Objects.requireNonNull(webserviceName, "webserviceName");
        Objects.requireNonNull(routes, "routes");
        if (userLogin.isBlank() || password.isBlank()) {
            throw new IllegalArgumentException("the agent needs a login and a password");
        }
        if (sessionMaxTime.isNegative() || sessionMaxIdleTime.isNegative() || searchLimit < 1) {
            throw new IllegalArgumentException("session times must not be negative and the search limit positive");
        }
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(clock, "clock");
    }

    /** OTOBO's defaults with the example web service GenericTicketConnectorREST, any free port, UTC. */
    public static OtoboSettings defaults(String userLogin, String password) {
        return new OtoboSettings(0, "otobo", "GenericTicketConnectorREST", 1, RouteTable.genericTicketConnector(),
                userLogin, password, Duration.ofHours(16), Duration.ofHours(2), 500, ZoneOffset.UTC,
                "TriageConfidence", "TriageMarker", Clock.systemUTC());
    }

    public OtoboSettings withPort(int newPort) {
        return new OtoboSettings(newPort, product, webserviceName, webserviceId, routes, userLogin, password,
                sessionMaxTime, sessionMaxIdleTime, searchLimit, timeZone, confidenceField, markerField, clock);
    }

    public OtoboSettings withProduct(String newProduct) {
        return new OtoboSettings(port, newProduct, webserviceName, webserviceId, routes, userLogin, password,
                sessionMaxTime, sessionMaxIdleTime, searchLimit, timeZone, confidenceField, markerField, clock);
    }

    public OtoboSettings withWebservice(String newName, int newId) {
        return new OtoboSettings(port, product, newName, newId, routes, userLogin, password, sessionMaxTime,
                sessionMaxIdleTime, searchLimit, timeZone, confidenceField, markerField, clock);
    }

    public OtoboSettings withRoutes(RouteTable newRoutes) {
        return new OtoboSettings(port, product, webserviceName, webserviceId, newRoutes, userLogin, password,
                sessionMaxTime, sessionMaxIdleTime, searchLimit, timeZone, confidenceField, markerField, clock);
    }

    public OtoboSettings withSessionTimes(Duration newMaxTime, Duration newMaxIdleTime) {
        return new OtoboSettings(port, product, webserviceName, webserviceId, routes, userLogin, password,
                newMaxTime, newMaxIdleTime, searchLimit, timeZone, confidenceField, markerField, clock);
    }

    public OtoboSettings withSearchLimit(int newSearchLimit) {
        return new OtoboSettings(port, product, webserviceName, webserviceId, routes, userLogin, password,
                sessionMaxTime, sessionMaxIdleTime, newSearchLimit, timeZone, confidenceField, markerField, clock);
    }

    public OtoboSettings withTimeZone(ZoneId newTimeZone) {
        return new OtoboSettings(port, product, webserviceName, webserviceId, routes, userLogin, password,
                sessionMaxTime, sessionMaxIdleTime, searchLimit, newTimeZone, confidenceField, markerField, clock);
    }

    public OtoboSettings withClock(Clock newClock) {
        return new OtoboSettings(port, product, webserviceName, webserviceId, routes, userLogin, password,
                sessionMaxTime, sessionMaxIdleTime, searchLimit, timeZone, confidenceField, markerField, newClock);
    }
}
