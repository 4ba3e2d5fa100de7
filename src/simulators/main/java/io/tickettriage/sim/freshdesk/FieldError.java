package io.tickettriage.sim.freshdesk;

/** One entry of the {@code errors} array of Freshdesk's "Validation failed" body. */
record FieldError(String field, String message, String code) {
}
