package io.tickettriage.adapter.freshdesk;

import io.tickettriage.adapter.HelpDeskHttp;
import io.tickettriage.adapter.JsonRecords;
import java.util.List;
import java.util.Optional;

/**
 * One answered page of a Freshdesk list (a bare JSON array): its records, each read on its own, and the
 * {@code rel="next"} target of its Link header. Read inside the client's {@link HelpDeskHttp#send}, so a page that
 * is not JSON (cut short by a proxy) is fetched again rather than parsed again.
 */
record FreshdeskPage(List<JsonRecords.Record> records, Optional<String> next) {

    static final HelpDeskHttp.Reader<FreshdeskPage> READER = answer -> new FreshdeskPage(
            JsonRecords.split(answer.body(), null, "id"), LinkHeader.next(answer.header("Link").orElse(null)));
}
