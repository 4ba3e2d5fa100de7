package io.tickettriage.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jsoup.nodes.Entities;

/**
 * One ticket of the demo corpus ({@code src/library/main/resources/demo-corpus/*.jsonl}).
 */
public record CorpusTicket(String subject, String description, String language, String queue, String priority) {

    /**
     * The demo's tags: what product or topic a ticket is about, found by these rules in its English or German text.
     * The corpus's tickets carry no tags of their own; the rules give each ticket the same tags on every load, so the
     * bundled model's tags head and the simulators' tickets agree with what the corpus says. A rule is a tag a help
     * desk team would set by hand.
     */
    private static final Map<String, Pattern> TAG_RULES = rules(
            "access-point", "access point|access-point|wi-fi|wifi|wlan",
            "api", "\\b(api|webhook|rest)\\b",
            "camera", "camera|kamera",
            "console", "console|konsole",
            "delivery", "deliver|liefer|tracking|sendung",
            "door-controller", "door|tür",
            "firmware", "firmware",
            "invoice", "invoice|rechnung",
            "mobile-app", "mobile app|\\bapp\\b|\\bios\\b|android",
            "refund", "refund|erstatt|gutschrift|credit note",
            "sensor", "sensor",
            "sso-2fa", "\\b(sso|saml|2fa|two-factor|zwei-faktor|authenticator|entra|okta|idp)\\b");

    /** The description as a help desk stores an e-mail body: escaped HTML with line breaks. */
    public String descriptionHtml() {
        return "<div>" + Entities.escape(description).replace("\n", "<br>") + "</div>";
    }

    /** The ticket's tags by the demo's rules, sorted; none when no rule matches. */
    public List<String> tags() {
        String text = (subject + "\n" + description).toLowerCase(Locale.ROOT);
        return TAG_RULES.entrySet().stream().filter(rule -> rule.getValue().matcher(text).find())
                .map(Map.Entry::getKey).toList();
    }

    private static Map<String, Pattern> rules(String... tagAndPattern) {
        Map<String, Pattern> rules = new LinkedHashMap<>();
        for (int i = 0; i < tagAndPattern.length; i += 2) {
            rules.put(tagAndPattern[i], Pattern.compile(tagAndPattern[i + 1]));
        }
        return Collections.unmodifiableMap(rules);
    }
}
