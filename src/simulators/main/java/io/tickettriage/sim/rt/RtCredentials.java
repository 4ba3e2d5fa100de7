package io.tickettriage.sim.rt;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API user's credentials and RT's REST2 authentication (RT::REST2::Middleware::Auth): an auth token in
 * {@code Authorization: token …} (any case) or a {@code ?token=} parameter, else HTTP Basic with the user's
 * password. Anything else is refused.
 *
 * @param token    as RT::AuthToken makes them: {@code 1-<token id>-<32 hex digits>}
 * @param user     the user's name, also the Creator of what it writes
 * @param password the user's password, for Basic
 */
record RtCredentials(String token, String user, String password) {

    private static final Pattern TOKEN = Pattern.compile("(?i)^token (.*)$");

    boolean accept(String authorization, Optional<String> tokenParameter) {
        String header = authorization == null ? "" : authorization;
        Matcher token = TOKEN.matcher(header);
        String given = token.matches() ? token.group(1) : tokenParameter.orElse("");
        if (!given.isEmpty() && given.equals(this.token)) {
            return true;
        }
        return RtHandler.basic(header).map(pair -> pair[0].equals(user) && pair[1].equals(password)).orElse(false);
    }
}
