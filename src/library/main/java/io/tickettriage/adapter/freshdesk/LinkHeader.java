package io.tickettriage.adapter.freshdesk;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code rel="next"} target of an RFC 8288 {@code Link} header, which is the only way Freshdesk lists say
 * that another page exists.
 */
public final class LinkHeader {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]+)*)");
    private static final Pattern REL_NEXT = Pattern.compile(";\\s*rel\\s*=\\s*\"?([^\";]*)\"?");

    private LinkHeader() {
    }

    public static Optional<String> next(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        Matcher link = LINK.matcher(header);
        while (link.find()) {
            Matcher rel = REL_NEXT.matcher(link.group(2));
            while (rel.find()) {
                for (String value : rel.group(1).trim().split("\\s+")) {
                    if (value.equalsIgnoreCase("next")) {
                        return Optional.of(link.group(1));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
