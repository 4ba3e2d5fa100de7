package io.tickettriage.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickettriage.classify.HeadPrediction;
import io.tickettriage.classify.ScoredLabel;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a settled ticket's tags say of the tags ticket-triage wrote on it. */
class PredictionTrackerTagsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);
    private static final Instant VERSION = Instant.parse("2026-12-07T09:00:00Z");

    private static Prediction wroteTags(String written) {
        return new Prediction("freshdesk:7", VERSION, "m1", Map.of(
                "queue", new HeadPrediction("queue", List.of(new ScoredLabel("billing", 0.9))),
                "tags", new HeadPrediction("tags", List.of(new ScoredLabel("invoice", 0.9),
                        new ScoredLabel("refund", 0.7)))), Map.of("queue", "billing", "tags", written), Set.of("queue"),
                CLOCK.instant());
    }

    private static TicketOutcome closedWith(Optional<Set<String>> tags) {
        TicketOutcome outcome = new TicketOutcome("freshdesk", "7", Optional.of("billing"), Optional.empty(), true,
                VERSION.plusSeconds(60));
        return tags.map(outcome::withTags).orElse(outcome);
    }

    @Test
    void aWrittenTagTheAgentsRemovedIsACorrectionAndTheTagsTheTicketCarriesAreTheTruth() {
        Outcome outcome = PredictionTracker.settle(wroteTags("invoice|refund"),
                closedWith(Optional.of(Set.of("invoice", "vip", "triaged"))), CLOCK).orElseThrow();

        assertEquals("invoice|triaged|vip", outcome.labels().get("tags"));
        assertEquals(Set.of("tags"), outcome.corrected(), "refund was removed");
    }

    @Test
    void keptTagsCorrectNothingAndUnseenTagsAreNoTruth() {
        Outcome kept = PredictionTracker.settle(wroteTags("invoice"),
                closedWith(Optional.of(Set.of("invoice", "triaged"))), CLOCK).orElseThrow();
        assertTrue(kept.corrected().isEmpty(), kept.toString());

        Outcome unseen = PredictionTracker.settle(wroteTags("invoice"), closedWith(Optional.empty()), CLOCK)
                .orElseThrow();
        assertEquals(Set.of("queue"), unseen.labels().keySet(), "a desk that cannot see tags says nothing of them");
    }
}
