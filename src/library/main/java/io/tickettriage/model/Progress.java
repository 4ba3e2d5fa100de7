package io.tickettriage.model;

import java.util.function.IntConsumer;

/** Where long work reports how far it got: one counter per stage, e.g. "training" 3 of 9 steps. */
@FunctionalInterface
public interface Progress {

    /** @return a counter to call with the number of {@code unit}s done so far, up to {@code total} */
    IntConsumer stage(String what, int total, String unit);

    static Progress silent() {
        return (what, total, unit) -> done -> { };
    }
}
