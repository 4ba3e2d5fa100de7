package io.tickettriage.adapter.otobo;

import io.tickettriage.adapter.HttpPolicy;
import io.tickettriage.adapter.Setting;
import io.tickettriage.adapter.SettingValues;
import io.tickettriage.adapter.WriteSettings;
import io.tickettriage.config.TriageProperties;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Everything both OTOBO Kamelets of a desk work with, read, defaulted and checked in one place ({@link #read}): from
 * the configuration by {@link OtoboAdapter} at startup (bound as {@code <desk>.otoboSettings}, which
 * {@code routes/desks/otobo.yaml} hands to both Kamelets), or from the Kamelets' own properties when an application
 * of its own uses them.
 *
 * @param baseUrl         the web service's URL
 * @param authentication  the agent, its password, and session or password mode
 * @param lookBack        how far back a fetch without a start looks
 * @param searchRoute     the web service's TicketSearch route
 * @param getRoute        its TicketGet route
 * @param updateRoute     its TicketUpdate route
 * @param queues          the queues whose tickets need triage (empty: any)
 * @param states          the states whose tickets need triage (empty: any)
 * @param pageSize        tickets per search
 * @param maxPagesPerPoll the most searches one poll runs
 * @param batchSize       the ticket ids one TicketGet reads
 * @param time            the system's time zone
 * @param markerField     the dynamic field that carries the marker, if any
 * @param confidenceField the dynamic field that carries the confidences, if any
 * @param tagsField       the multiselect dynamic field the predicted tags are added to, if any
 * @param noteSubject     the subject of the internal note
 * @param policy          the retries
 * @param write           the update side's settings, whose mappings the fetch side reads outcomes with
 */
public record OtoboSettings(String baseUrl, OtoboAuthentication authentication, Duration lookBack,
                            OtoboRoute searchRoute, OtoboRoute getRoute, OtoboRoute updateRoute, List<String> queues,
                            List<String> states, int pageSize, int maxPagesPerPoll, int batchSize, OtoboTime time,
                            Optional<String> markerField, Optional<String> confidenceField,
                            Optional<String> tagsField, String noteSubject,
                            HttpPolicy policy, WriteSettings write) {

    /** A GenericInterface web service, by name or by id. */
    private static final Pattern WEBSERVICE_URL =
            Pattern.compile(".*/nph-genericinterface\\.pl/(Webservice/[^/?#]+|WebserviceID/\\d+)");
    public static final Setting BASE_URL = new Setting("otobo.base-url", "baseUrl", "");
    public static final Setting USER_LOGIN = new Setting("otobo.user-login", "userLogin", "");
    public static final Setting PASSWORD = new Setting("otobo.password", "password", "");
    public static final Setting AUTH = new Setting("otobo.auth", "auth", "session");
    public static final Setting LOOK_BACK = Setting.kameletOnly("lookBack", "P30D");
    public static final Setting SESSION_ROUTE = new Setting("otobo.route.session-create", "sessionRoute",
            "POST /Session");
    public static final Setting SEARCH_ROUTE = new Setting("otobo.route.ticket-search", "searchRoute", "GET /Ticket");
    public static final Setting GET_ROUTE = new Setting("otobo.route.ticket-get", "getRoute",
            "GET /Ticket/:TicketID");
    public static final Setting UPDATE_ROUTE = new Setting("otobo.route.ticket-update", "updateRoute",
            "PATCH /Ticket/:TicketID");
    public static final Setting QUEUES = new Setting("otobo.select.queues", "queues", "Raw");
    public static final Setting STATES = new Setting("otobo.select.states", "states", "new,open");
    public static final Setting PAGE_SIZE = new Setting("otobo.page-size", "pageSize", "100");
    public static final Setting MAX_PAGES_PER_POLL = new Setting("otobo.max-pages-per-poll", "maxPagesPerPoll", "20");
    public static final Setting BATCH_SIZE = new Setting("otobo.get-batch-size", "batchSize", "20");
    public static final Setting TIME_ZONE = new Setting("otobo.time-zone", "timeZone", "UTC");
    public static final Setting MARKER_FIELD = new Setting("otobo.dynamic-field.marker", "markerField",
            "TriageMarker");
    public static final Setting CONFIDENCE_FIELD = new Setting("otobo.dynamic-field.confidence", "confidenceField",
            "TriageConfidence");
    /** Written only with a model that has a tags head; its possible values must hold the model's tags. */
    public static final Setting TAGS_FIELD = new Setting("otobo.dynamic-field.tags", "tagsField", "TriageTags");
    public static final Setting NOTE_SUBJECT = new Setting("otobo.note.subject", "noteSubject", "ticket-triage");
    public static final Setting QUEUE_MAPPING = new Setting("otobo.queue-mapping", "queueMapping", "");
    public static final Setting PRIORITY_MAPPING = new Setting("otobo.priority-mapping", "priorityMapping", "");
    public static final Setting REVIEW_QUEUE = new Setting("otobo.review-queue", "reviewQueue", "");
    private static final List<Setting> MAPPINGS = List.of(QUEUE_MAPPING, PRIORITY_MAPPING, REVIEW_QUEUE);
    /** Every setting, each with its one default. */
    public static final List<Setting> SETTINGS = Stream.of(List.of(BASE_URL, USER_LOGIN, PASSWORD, AUTH, LOOK_BACK,
                    SESSION_ROUTE, SEARCH_ROUTE, GET_ROUTE, UPDATE_ROUTE, QUEUES, STATES, PAGE_SIZE,
                    MAX_PAGES_PER_POLL, BATCH_SIZE, TIME_ZONE, MARKER_FIELD, CONFIDENCE_FIELD, TAGS_FIELD,
                    NOTE_SUBJECT), MAPPINGS,
            WriteSettings.COMMON, HttpPolicy.SETTINGS).flatMap(List::stream).toList();

    @Override
    public String toString() {
        // Never the password.
        return "OtoboSettings[" + baseUrl + "]";
    }

    /** From the configuration; writes recorded in {@code ledger}. */
    public static OtoboSettings fromConfiguration(TriageProperties properties, String ledger) {
        return read(SettingValues.of(properties).with(WriteSettings.LEDGER, ledger));
    }

    /** The settings, checked; a failure names the key or property. */
    public static OtoboSettings read(SettingValues values) {
        String baseUrl = values.required(BASE_URL, ": give the web service's URL").replaceAll("/+$", "");
        if (!baseUrl.matches("(?i)https?://\\S+")) {
            throw values.invalid(BASE_URL, "must be an http(s) URL, was '" + baseUrl + "'");
        }
        URI uri = URI.create(baseUrl);
        if (uri.getRawQuery() != null || !WEBSERVICE_URL.matcher(uri.getRawPath()).matches()) {
            throw values.invalid(BASE_URL, "gives '" + baseUrl + "', which is not a web service URL: it must end with "
                    + "/nph-genericinterface.pl/Webservice/<name>, e.g. https://desk.example.com/otobo/"
                    + "nph-genericinterface.pl/Webservice/GenericTicketConnectorREST (Znuny: /znuny/…, OTRS: /otrs/…)");
        }
        String password = values.secret(PASSWORD).orElseThrow(() -> values.invalid(PASSWORD, "is not set: set "
                + "OTOBO_PASSWORD, or OTOBO_PASSWORD_FILE to a file that holds it"));
        String mode = values.text(AUTH);
        if (!List.of("session", "password").contains(mode.toLowerCase(Locale.ROOT))) {
            throw values.invalid(AUTH, "must be one of [session, password], was '" + mode + "'");
        }
        OtoboAuthentication authentication = new OtoboAuthentication(OtoboAuthentication.sessionMode(mode),
                route(values, SESSION_ROUTE),
                values.required(USER_LOGIN, ": name the agent ticket-triage acts as"), password);
        ZoneId zone;
        String zoneText = values.text(TIME_ZONE);
        try {
            zone = ZoneId.of(zoneText);
        } catch (DateTimeException e) {
            throw values.invalid(TIME_ZONE, "must be a time zone such as UTC or Europe/Berlin (OTOBO's OTOBOTimeZone "
                    + "setting), was '" + zoneText + "'");
        }
        WriteSettings write = WriteSettings.read(values, MAPPINGS);
        String noteSubject = values.required(NOTE_SUBJECT, ": OTOBO needs it for the note");
        return new OtoboSettings(baseUrl, authentication, values.duration(LOOK_BACK), route(values, SEARCH_ROUTE),
                route(values, GET_ROUTE), route(values, UPDATE_ROUTE), OtoboTicketFetch.list(values.text(QUEUES)),
                OtoboTicketFetch.list(values.text(STATES)), values.integer(PAGE_SIZE, 1, OtoboTicketFetch.MAX_LIMIT),
                values.integer(MAX_PAGES_PER_POLL, 1, Integer.MAX_VALUE),
                values.integer(BATCH_SIZE, 1, OtoboTicketFetch.MAX_BATCH), new OtoboTime(zone),
                OtoboTicketFetch.optionalName(values.text(MARKER_FIELD)),
                OtoboTicketFetch.optionalName(values.text(CONFIDENCE_FIELD)),
                OtoboTicketFetch.optionalName(values.text(TAGS_FIELD)), noteSubject, HttpPolicy.read(values),
                write);
    }

    private static OtoboRoute route(SettingValues values, Setting setting) {
        return values.parsed(setting, text -> OtoboRoute.parse(values.required(setting, "")));
    }
}
