package io.tickettriage.triage;

/**
 * {@code triage.mode}: {@code live} writes each decision to the help desk; {@code shadow} polls and classifies the
 * same way but writes nothing, only records the predictions, so their agreement with the agents can be measured
 * before going live. A bean of the routes ({@code triageMode.isLive}).
 */
public enum TriageMode {
    LIVE, SHADOW;

    public boolean isLive() {
        return this == LIVE;
    }
}
