package io.tickettriage.adapter.freshdesk;

/** Freshdesk's rules for a tag, checked before a bad configured tag fails every update. */
final class FreshdeskTags {

    static final int MAX_LENGTH = 32;

    private FreshdeskTags() {
    }

    static void requireValid(String tag) {
        if (tag == null || tag.isBlank() || tag.length() > MAX_LENGTH || tag.contains(",")) {
            throw new IllegalArgumentException("Freshdesk tag '" + tag + "' is not valid: it must be 1.."
                    + MAX_LENGTH + " characters without commas");
        }
    }
}
