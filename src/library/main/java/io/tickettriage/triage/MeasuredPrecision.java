package io.tickettriage.triage;

/**
 * How precise a class's automatic writes have been: of {@code tickets} checked against the truth, {@code right} were
 * right.
 */
public record MeasuredPrecision(int tickets, int right) {

    public MeasuredPrecision {
        if (tickets < 0 || right < 0 || right > tickets) {
            throw new IllegalArgumentException("a measured precision needs 0 <= right <= tickets, was " + right
                    + " of " + tickets);
        }
    }

    /** 0 when nothing was checked: no evidence is no precision. */
    public double precision() {
        return tickets == 0 ? 0 : (double) right / tickets;
    }
}
