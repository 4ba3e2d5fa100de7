package io.tickettriage.adapter.rt;

import io.tickettriage.adapter.HttpPolicy;
import io.tickettriage.adapter.Setting;
import io.tickettriage.adapter.SettingValues;
import io.tickettriage.adapter.WriteSettings;
import io.tickettriage.config.TriageProperties;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything both RT Kamelets of a desk work with, read, defaulted and checked in one place ({@link #read}): from the
 * configuration by {@link RtAdapter} at startup (bound as {@code <desk>.rtSettings}, which {@code routes/desks/rt.yaml}
 * hands to both Kamelets), by {@code train --from-helpdesk rt}, or from the Kamelets' own properties when an
 * application of its own uses them.
 *
 * @param baseUrl         RT's web root, without {@code /REST/2.0}
 * @param authentication  the auth token, or the user and password
 * @param lookBack        how far back a fetch without a start looks
 * @param selection       the queues, statuses and marker of the tickets that need triage
 * @param pageSize        tickets per search page, 1..100 (REST2 serves no more)
 * @param maxPagesPerPoll the most search pages one poll reads
 * @param timeZone        the zone RT reads TicketSQL dates in (the API user's time zone, else RT's $Timezone)
 * @param confidenceField the custom field that gets the confidences, if any
 * @param tagsField       the multi-value custom field the predicted tags are added to, if any
 * @param noteSubject     the subject of the private comment
 * @param policy          the retries
 * @param write           the update side's settings, whose mappings the fetch side reads outcomes with
 */
public record RtSettings(String baseUrl, RtAuthentication authentication, Duration lookBack, RtSelection selection,
                         int pageSize, int maxPagesPerPoll, ZoneId timeZone, Optional<String> confidenceField,
                         Optional<String> tagsField, String noteSubject, HttpPolicy policy, WriteSettings write) {

    /** REST2 serves at most this many records a page, whatever per_page asks for. */
    static final int MAX_PAGE_SIZE = 100;

    public static final Setting BASE_URL = new Setting("rt.base-url", "baseUrl", "");
    public static final Setting TOKEN = new Setting("rt.token", "token", "");
    public static final Setting USER = new Setting("rt.user", "user", "");
    public static final Setting PASSWORD = new Setting("rt.password", "password", "");
    public static final Setting LOOK_BACK = Setting.kameletOnly("lookBack", "P30D");
    public static final Setting QUEUES = new Setting("rt.select.queues", "queues", "General");
    public static final Setting STATUSES = new Setting("rt.select.statuses", "statuses", "new,open");
    public static final Setting PAGE_SIZE = new Setting("rt.page-size", "pageSize", "100");
    public static final Setting MAX_PAGES_PER_POLL = new Setting("rt.max-pages-per-poll", "maxPagesPerPoll", "20");
    public static final Setting TIME_ZONE = new Setting("rt.time-zone", "timeZone", "UTC");
    public static final Setting MARKER_FIELD = new Setting("rt.custom-field.marker", "markerField", "Triage");
    public static final Setting CONFIDENCE_FIELD = new Setting("rt.custom-field.confidence", "confidenceField",
            "Triage confidence");
    /** Written, and checked at startup, only with a model that has a tags head. */
    public static final Setting TAGS_FIELD = new Setting("rt.custom-field.tags", "tagsField", "Triage tags");
    public static final Setting NOTE_SUBJECT = new Setting("rt.note.subject", "noteSubject", "ticket-triage");
    public static final Setting QUEUE_MAPPING = new Setting("rt.queue-mapping", "queueMapping", "");
    public static final Setting PRIORITY_MAPPING = new Setting("rt.priority-mapping", "priorityMapping", "");
    public static final Setting REVIEW_QUEUE = new Setting("rt.review-queue", "reviewQueue", "");
    private static final List<Setting> MAPPINGS = List.of(QUEUE_MAPPING, PRIORITY_MAPPING, REVIEW_QUEUE);
    /** Every setting, each with its one default. */
    public static final List<Setting> SETTINGS = Stream.of(List.of(BASE_URL, TOKEN, USER, PASSWORD, LOOK_BACK,
                    QUEUES, STATUSES, PAGE_SIZE, MAX_PAGES_PER_POLL, TIME_ZONE, MARKER_FIELD, CONFIDENCE_FIELD,
                    TAGS_FIELD, NOTE_SUBJECT), MAPPINGS, WriteSettings.COMMON, HttpPolicy.SETTINGS).flatMap(List::stream)
            .toList();

    @Override
    public String toString() {
        // Never the credentials.
        return "RtSettings[" + baseUrl + "]";
    }

    /** The marker custom field, if any. */
    public Optional<String> markerField() {
        return selection.markerField();
    }

    /** From the configuration; writes recorded in {@code ledger}. */
    public static RtSettings fromConfiguration(TriageProperties properties, String ledger) {
        return read(SettingValues.of(properties).with(WriteSettings.LEDGER, ledger));
    }

    /** The settings, checked; a failure names the key or property. */
    public static RtSettings read(SettingValues values) {
        String baseUrl = values.required(BASE_URL, ": give RT's web root, e.g. https://rt.example.com")
                .replaceAll("/+$", "");
        if (!baseUrl.matches("(?i)https?://[^/\\s?#]+[^\\s?#]*")) {
            throw values.invalid(BASE_URL, "must be RT's http(s) web root, e.g. https://rt.example.com, was '"
                    + baseUrl + "'");
        }
        if (baseUrl.matches("(?i).*/REST/2\\.0")) {
            throw values.invalid(BASE_URL, "must be RT's web root without /REST/2.0, was '" + baseUrl + "'");
        }
        RtAuthentication authentication;
        try {
            authentication = new RtAuthentication(values.secret(TOKEN).orElse(""), values.text(USER),
                    values.secret(PASSWORD).orElse(""));
        } catch (IllegalArgumentException e) {
            throw values.invalid(values.name(TOKEN) + ": " + e.getMessage());
        }
        String zoneText = values.text(TIME_ZONE);
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneText);
        } catch (DateTimeException e) {
            throw values.invalid(TIME_ZONE, "must be a time zone such as UTC or Europe/Berlin (the RT user's time "
                    + "zone, else RT's $Timezone), was '" + zoneText + "'");
        }
        WriteSettings write = WriteSettings.read(values, MAPPINGS);
        RtSelection selection = new RtSelection(RtSelection.names(values.text(QUEUES)),
                RtSelection.names(values.text(STATUSES)), values.optional(MARKER_FIELD), write.markerTag());
        return new RtSettings(baseUrl, authentication, values.duration(LOOK_BACK), selection,
                values.integer(PAGE_SIZE, 1, MAX_PAGE_SIZE), values.integer(MAX_PAGES_PER_POLL, 1, Integer.MAX_VALUE),
                zone, values.optional(CONFIDENCE_FIELD), values.optional(TAGS_FIELD),
                values.required(NOTE_SUBJECT, ": RT shows it as the comment's subject"), HttpPolicy.read(values),
                write);
    }
}
