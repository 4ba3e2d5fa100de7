package io.tickettriage.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;

/**
 * Keeps a long computation's heap close to what it holds. Training allocates in bursts (featurizing, then big weight
 * arrays), and the JVM's default G1 answers bursts by growing the heap to a multiple of the live data and keeping it:
 * on 40,000 tickets {@code train} held about 300 MB and was resident at 976 MB. With at most 20 % of the heap left
 * free after a collection (the JVM's manageable {@code MaxHeapFreeRatio}, default 70 %), the same run stayed at
 * 651 MB in the same time (measured 2026-12-07, benchmarks.md). A value the user set on the command line is left
 * alone, and so is a JVM without these options.
 */
final class LeanHeap {

    private static final String MIN = "MinHeapFreeRatio";
    private static final String MAX = "MaxHeapFreeRatio";

    private LeanHeap() {
    }

    static void apply() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (vm == null || !isDefault(vm, MIN) || !isDefault(vm, MAX)) {
            return;
        }
        // The minimum first: the JVM refuses a maximum below the minimum.
        vm.setVMOption(MIN, "5");
        vm.setVMOption(MAX, "20");
    }

    private static boolean isDefault(HotSpotDiagnosticMXBean vm, String option) {
        try {
            return vm.getVMOption(option).getOrigin() == VMOption.Origin.DEFAULT;
        } catch (IllegalArgumentException absent) {
            return false;
        }
    }
}
