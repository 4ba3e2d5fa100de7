package io.tickettriage.adapter.freshdesk;

import io.tickettriage.adapter.HttpPolicy;
import io.tickettriage.adapter.Secret;
import io.tickettriage.adapter.Setting;
import io.tickettriage.adapter.SettingValues;
import io.tickettriage.adapter.WriteSettings;
import io.tickettriage.config.TriageProperties;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Everything both Freshdesk Kamelets of a desk work with, read, defaulted and checked in one place ({@link #read}):
 * from the configuration by {@link FreshdeskAdapter} at startup (bound as {@code <desk>.freshdeskSettings}, which
 * {@code routes/desks/freshdesk.yaml} hands to both Kamelets), by {@code train --from-helpdesk}, or from the Kamelets'
 * own properties when an application of its own uses them.
 *
 * @param baseUrl        the account's URL, without {@code /api/v2}
 * @param apiKey         the key of the agent ticket-triage acts as
 * @param lookBack       how far back a fetch without a start looks
 * @param perPage        tickets per page, 1..100
 * @param maxPagesPerPoll the most pages one poll reads
 * @param pageCap        the highest page number Freshdesk serves
 * @param statuses       the status ids that need triage (comma-separated; empty: any)
 * @param unassignedOnly whether only tickets without a group need triage
 * @param rateLimitShare the share of the account's rate limit ticket-triage may spend, above 0 and at most 1
 * @param policy         the retries
 * @param write          the update side's settings, whose mappings the fetch side reads outcomes with
 */
public record FreshdeskSettings(String baseUrl, Secret apiKey, Duration lookBack, int perPage, int maxPagesPerPoll,
                                int pageCap, String statuses, boolean unassignedOnly, double rateLimitShare,
                                HttpPolicy policy, WriteSettings write) {

    public static final Setting BASE_URL = new Setting("freshdesk.base-url", "baseUrl", "");
    public static final Setting API_KEY = new Setting("freshdesk.api-key", "apiKey", "");
    public static final Setting LOOK_BACK = Setting.kameletOnly("lookBack", "P30D");
    public static final Setting PER_PAGE = new Setting("freshdesk.page-size", "perPage", "100");
    public static final Setting MAX_PAGES_PER_POLL = new Setting("freshdesk.max-pages-per-poll", "maxPagesPerPoll",
            "50");
    public static final Setting PAGE_CAP = new Setting("freshdesk.page-cap", "pageCap",
            String.valueOf(FreshdeskTicketWalk.PAGE_CAP));
    public static final Setting STATUSES = new Setting("freshdesk.select.statuses", "statuses", "2");
    public static final Setting UNASSIGNED_ONLY = new Setting("freshdesk.select.unassigned-only", "unassignedOnly",
            "true");
    public static final Setting RATE_LIMIT_SHARE = new Setting("freshdesk.rate-limit.share", "rateLimitShare", "0.5");
    public static final Setting QUEUE_MAPPING = new Setting("freshdesk.queue-mapping", "queueMapping", "");
    public static final Setting PRIORITY_MAPPING = new Setting("freshdesk.priority-mapping", "priorityMapping", "");
    public static final Setting REVIEW_GROUP = new Setting("freshdesk.review-group", "reviewGroup", "");
    private static final List<Setting> MAPPINGS = List.of(QUEUE_MAPPING, PRIORITY_MAPPING, REVIEW_GROUP);
    /** Every setting, each with its one default. */
    public static final List<Setting> SETTINGS = Stream.of(List.of(BASE_URL, API_KEY, LOOK_BACK, PER_PAGE,
                    MAX_PAGES_PER_POLL, PAGE_CAP, STATUSES, UNASSIGNED_ONLY, RATE_LIMIT_SHARE), MAPPINGS,
            WriteSettings.COMMON, HttpPolicy.SETTINGS).flatMap(List::stream).toList();

    @Override
    public String toString() {
        // Never the key (Secret shows none either), nor every mapping: a short line for logs and messages.
        return "FreshdeskSettings[" + baseUrl + "]";
    }

    /** From the configuration: the base URL also from {@code freshdesk.domain}; writes recorded in {@code ledger}. */
    public static FreshdeskSettings fromConfiguration(TriageProperties properties, String ledger) {
        return read(SettingValues.of(properties).with(BASE_URL, FreshdeskAdapter.baseUrl(properties))
                .with(WriteSettings.LEDGER, ledger));
    }

    /** The settings, checked; a failure names the key or property. */
    public static FreshdeskSettings read(SettingValues values) {
        String baseUrl = values.required(BASE_URL, ": give the Freshdesk account's URL");
        if (!baseUrl.matches("(?i)https?://\\S+")) {
            throw values.invalid(BASE_URL, "must be an http(s) URL, was '" + baseUrl + "'");
        }
        String apiKey = values.secret(API_KEY).orElseThrow(() -> values.invalid(API_KEY, "is not set: set "
                + "FRESHDESK_API_KEY, or FRESHDESK_API_KEY_FILE to a file that holds it"));
        String statuses = values.text(STATUSES);
        values.parsed(STATUSES, text -> FreshdeskTicketSelection.of(text, true, "-"));
        WriteSettings write = WriteSettings.read(values, MAPPINGS);
        for (Setting tag : List.of(WriteSettings.MARKER_TAG, WriteSettings.REVIEW_TAG,
                WriteSettings.DUPLICATE_TAG)) {
            values.parsed(tag, text -> {
                FreshdeskTags.requireValid(text);
                return text;
            });
        }
        return new FreshdeskSettings(baseUrl.replaceAll("/+$", ""), new Secret(apiKey), values.duration(LOOK_BACK),
                values.integer(PER_PAGE, 1, FreshdeskTicketWalk.MAX_PER_PAGE),
                values.integer(MAX_PAGES_PER_POLL, 1, Integer.MAX_VALUE),
                values.integer(PAGE_CAP, 1, Integer.MAX_VALUE), statuses, values.flag(UNASSIGNED_ONLY),
                values.number(RATE_LIMIT_SHARE, 0, 1), HttpPolicy.read(values), write);
    }

    FreshdeskTicketSelection selection() {
        return FreshdeskTicketSelection.of(statuses, unassignedOnly, write.markerTag());
    }
}
