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
        // A sleeping thread adds next to no CPU time. The test JVM is reused across test classes, whose leftover
        // threads (help desks, pollers, the collector) may burn CPU in bursts, so one quiet window out of ten is
        // enough; the wall clock would advance by at least 100 ms in every one of them.
        long quietest = Long.MAX_VALUE;
        for (int window = 0; window < 10 && quietest >= 50_000_000L; window++) {
            long asleep = clock.getAsLong();
            Thread.sleep(100);
            quietest = Math.min(quietest, clock.getAsLong() - asleep);
        }
        assertTrue(quietest < 50_000_000L,
                "CPU time advanced like the wall clock: " + quietest + " ns in 100 ms asleep");
    }
}
