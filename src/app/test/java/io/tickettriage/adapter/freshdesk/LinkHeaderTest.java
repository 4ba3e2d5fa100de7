package io.tickettriage.adapter.freshdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinkHeaderTest {

    @Test
    void readsFreshdesksNextLink() {
        assertEquals(Optional.of("https://acme.freshdesk.com/api/v2/tickets?page=2&per_page=30"),
                LinkHeader.next("<https://acme.freshdesk.com/api/v2/tickets?page=2&per_page=30>; rel=\"next\""));
    }

    @Test
    void picksNextAmongSeveralRelations() {
        assertEquals(Optional.of("https://x/b"),
                LinkHeader.next("<https://x/a>; rel=\"prev\", <https://x/b>; rel=\"next\"; title=\"n\""));
        assertEquals(Optional.of("https://x/c"), LinkHeader.next("<https://x/c>; rel=\"last next\""));
    }

    @Test
    void noNextOnTheLastPage() {
        assertEquals(Optional.empty(), LinkHeader.next(null));
        assertEquals(Optional.empty(), LinkHeader.next(""));
        assertEquals(Optional.empty(), LinkHeader.next("<https://x/a>; rel=\"prev\""));
    }
}
