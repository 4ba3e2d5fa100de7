package io.tickettriage.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A history ticket's values as the tags head's label: the people's tags, never ticket-triage's own. */
class HistoryTagsTest {

    private final List<String> notices = new ArrayList<>();
    private final HistoryTags tags = new HistoryTags(Set.of("triaged", "needs-review", "possible-duplicate"),
            notices::add);

    @Test
    void ourValuesAreLeftOutInAnyCaseAndTheRestSortedAndTrimmed() {
        assertEquals("camera|vip", tags.label(List.of(" vip ", "Triaged", "camera", "NEEDS-REVIEW ", "",
                "possible-duplicate")));
        assertEquals("", tags.label(List.of("triaged")), "no tags left: the empty label");
        assertEquals(Set.of("needs-review", "possible-duplicate", "triaged"), tags.ours());
        assertTrue(notices.isEmpty(), notices.toString());
    }

    @Test
    void aValueHoldingATagSeparatorIsLeftOutAndSaidOnce() {
        assertEquals("vip", tags.label(List.of("vip", "a,b")));
        assertEquals("door", tags.label(List.of("a,b", "door", "x|y")));
        assertEquals(List.of("the tag 'a,b' holds '|' or ',', which separate tags in a label: it is not learned",
                "the tag 'x|y' holds '|' or ',', which separate tags in a label: it is not learned"), notices);
    }

    @Test
    void noTagsHeadReadsNoTags() {
        WriteSettings write = new WriteSettings("ledger", "state", "", "", java.util.Optional.empty(), "ours",
                "review", "dup", true, false);
        assertTrue(HistoryTags.of(false, write, notices::add).isEmpty());
        assertEquals(Set.of("ours", "review", "dup"), HistoryTags.of(true, write, notices::add).orElseThrow().ours());
    }
}
