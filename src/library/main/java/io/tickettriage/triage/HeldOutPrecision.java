package io.tickettriage.triage;

import io.tickettriage.classify.HeadSpec;
import io.tickettriage.classify.TicketModel;
import java.util.Optional;

/**
 * Go-live evidence from the model itself: the held-out tickets {@code train} wrote with each class's own threshold,
 * and how many of them were right. A model without per-class thresholds (an older bundle, a transformer) has none.
 */
public final class HeldOutPrecision implements PrecisionEvidence {

    private final TicketModel model;

    public HeldOutPrecision(TicketModel model) {
        this.model = model;
    }

    @Override
    public Optional<MeasuredPrecision> of(String head, String label) {
        return model.heads().stream().filter(h -> h.name().equals(head)).findFirst()
                .flatMap(HeadSpec::classThresholds).flatMap(t -> t.of(label))
                .map(t -> new MeasuredPrecision(t.written(), t.right()));
    }
}
