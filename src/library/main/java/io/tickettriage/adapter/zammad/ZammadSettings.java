package io.tickettriage.adapter.zammad;

import io.tickettriage.adapter.HttpPolicy;
import io.tickettriage.adapter.Setting;
import io.tickettriage.adapter.SettingValues;
import io.tickettriage.adapter.WriteSettings;
import io.tickettriage.config.TriageProperties;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Everything both Zammad Kamelets of a desk work with, read, defaulted and checked in one place ({@link #read}):
 * from the configuration by {@link ZammadAdapter} at startup (bound as {@code <desk>.zammadSettings}, which
 * {@code routes/desks/zammad.yaml} hands to both Kamelets), by {@code train --from-helpdesk}, or from the Kamelets'
 * own properties when an application of its own uses them.
 *
 * @param baseUrl         the Zammad's URL without {@code /api/v1}
 * @param authentication  the API token, or the login and password
 * @param lookBack        how far back a fetch without a start looks
 * @param selection       the group, states and marker of the tickets that need triage
 * @param perPage         tickets per search page, 1..200
 * @param maxPagesPerPoll the most search pages one poll reads
 * @param overlap         how far the search reaches back before the watermark, for a search index that lags
 * @param policy          the retries
 * @param write           the update side's settings, whose mappings the fetch side reads outcomes with
 */
public record ZammadSettings(String baseUrl, ZammadAuthentication authentication, Duration lookBack,
                             ZammadSelection selection, int perPage, int maxPagesPerPoll, Duration overlap,
                             HttpPolicy policy, WriteSettings write) {

    public static final Setting BASE_URL = new Setting("zammad.base-url", "baseUrl", "");
    public static final Setting API_TOKEN = new Setting("zammad.api-token", "apiToken", "");
    public static final Setting USERNAME = new Setting("zammad.username", "username", "");
    public static final Setting PASSWORD = new Setting("zammad.password", "password", "");
    public static final Setting LOOK_BACK = Setting.kameletOnly("lookBack", "P30D");
    public static final Setting GROUP = new Setting("zammad.select.group", "group", "Users");
    public static final Setting STATES = new Setting("zammad.select.states", "states", "new,open");
    public static final Setting PER_PAGE = new Setting("zammad.page-size", "perPage", "100");
    public static final Setting MAX_PAGES_PER_POLL = new Setting("zammad.max-pages-per-poll", "maxPagesPerPoll",
            "10");
    /** Chosen by {@code ZammadOverlapBenchmark}. */
    public static final Setting OVERLAP = new Setting("zammad.search.overlap", "overlap", "PT2M");
    public static final Setting QUEUE_MAPPING = new Setting("zammad.queue-mapping", "queueMapping", "");
    public static final Setting PRIORITY_MAPPING = new Setting("zammad.priority-mapping", "priorityMapping", "");
    public static final Setting REVIEW_GROUP = new Setting("zammad.review-group", "reviewGroup", "");
    private static final List<Setting> MAPPINGS = List.of(QUEUE_MAPPING, PRIORITY_MAPPING, REVIEW_GROUP);
    /** Every setting, each with its one default. */
    public static final List<Setting> SETTINGS = Stream.of(List.of(BASE_URL, API_TOKEN, USERNAME, PASSWORD,
                    LOOK_BACK, GROUP, STATES, PER_PAGE, MAX_PAGES_PER_POLL, OVERLAP), MAPPINGS, WriteSettings.COMMON,
            HttpPolicy.SETTINGS).flatMap(List::stream).toList();

    @Override
    public String toString() {
        // Never the credentials.
        return "ZammadSettings[" + baseUrl + "]";
    }

    /** From the configuration; writes recorded in {@code ledger}. */
    public static ZammadSettings fromConfiguration(TriageProperties properties, String ledger) {
        ZammadAdapter.authentication(properties);
        return read(SettingValues.of(properties).with(BASE_URL, ZammadAdapter.baseUrl(properties))
                .with(WriteSettings.LEDGER, ledger));
    }

    /** The settings, checked; a failure names the key or property. */
    public static ZammadSettings read(SettingValues values) {
        String baseUrl = values.required(BASE_URL, ": give the Zammad's URL without /api/v1");
        if (!baseUrl.matches("(?i)https?://[^/\\s]+.*")) {
            throw values.invalid(BASE_URL, "must be the Zammad's http(s) URL without /api/v1, was '" + baseUrl
                    + "'");
        }
        ZammadAuthentication authentication;
        try {
            authentication = new ZammadAuthentication(values.secret(API_TOKEN).orElse(""), values.text(USERNAME),
                    values.secret(PASSWORD).orElse(""));
        } catch (IllegalArgumentException e) {
            throw values.invalid(values.name(API_TOKEN) + ": " + e.getMessage());
        }
        WriteSettings write = WriteSettings.read(values, MAPPINGS);
        for (Setting tag : List.of(WriteSettings.MARKER_TAG, WriteSettings.REVIEW_TAG,
                WriteSettings.DUPLICATE_TAG)) {
            values.parsed(tag, text -> {
                ZammadFieldMapping.requireValidTag(text, values.name(tag));
                return text;
            });
        }
        ZammadSelection selection = values.parsed(GROUP, group -> ZammadSelection.of(group, values.text(STATES),
                write.markerTag()));
        return new ZammadSettings(baseUrl.strip().replaceAll("/+$", ""), authentication, values.duration(LOOK_BACK),
                selection, values.integer(PER_PAGE, 1, ZammadTicketReader.MAX_PER_PAGE),
                values.integer(MAX_PAGES_PER_POLL, 1, Integer.MAX_VALUE), values.duration(OVERLAP),
                HttpPolicy.read(values), write);
    }
}
