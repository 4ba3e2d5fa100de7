package io.tickettriage.config;

import java.util.List;

/**
 * Blanks known secret values out of text that leaves the process (dead letters, error messages), as a last line of
 * defence: the routes never put secrets into URIs or bodies in the first place.
 */
public final class SecretRedactor {

    private static final int SHORTEST_SECRET = 4;
    private final List<String> secrets;

    public SecretRedactor(List<String> secrets) {
        // Very short values would blank out ordinary words; no real API key is that short.
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= SHORTEST_SECRET).toList();
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, "****");
        }
        return result;
    }

    @Override
    public String toString() {
        return "SecretRedactor[" + secrets.size() + " secrets]";
    }
}
