package io.tickettriage.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcessCpuTimeTest {

    @Test
    void advancesWithWorkAndNotWithSleep() throws InterruptedException {
        ProcessCpuTime clock = new ProcessCpuTime();
        long before = clock.getAsLong();
        long sum = 0;
        long wallEnd = System.nanoTime() + 5_000_000_000L;
        // Work until the clock has moved by 50 ms of CPU time, or give up after 5 s of wall time.
        while (clock.getAsLong() - before < 50_000_000L && System.nanoTime() < wallEnd) {
            for (int i = 0; i < 100_000; i++) {
                sum += i % 7;
            }
        }
        assertTrue(clock.getAsLong() - before >= 50_000_000L, "CPU time advanced with work (" + sum + ")");
        // A sleeping process uses next to no CPU time: far less than the 500 ms slept (other threads, e.g. the
        // collector, may use a little).
        long asleep = clock.getAsLong();
        Thread.sleep(500);
        assertTrue(clock.getAsLong() - asleep < 250_000_000L, "CPU time did not advance like the wall clock");
    }
}
