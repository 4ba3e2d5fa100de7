package io.tickettriage.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    private static final double[] SCALE = {0.5, 2.0, 1.2};
    private static final double[] OFFSET = {0.7, -0.3, -0.4};

    @Test
    void findsEachClassesScaleAndOffsetThatGeneratedTheLabels() {
        Random random = new Random(1);
        int n = 30_000;
        double[][] margins = new double[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            margins[i] = new double[] {random.nextGaussian() * 3, random.nextGaussian() * 3, random.nextGaussian() * 3};
            labels[i] = draw(new Calibration(SCALE, OFFSET).probabilities(margins[i]), random.nextDouble());
        }
        Calibration fitted = Calibration.fit(margins, labels, false);
        for (int c = 0; c < 3; c++) {
            assertEquals(SCALE[c], fitted.scale()[c], 0.08, "scale of class " + c);
            // Offsets are only defined up to one constant for all: compare them against class 0's.
            assertEquals(OFFSET[c] - OFFSET[0], fitted.offset()[c] - fitted.offset()[0], 0.08, "offset of class " + c);
        }
    }

    @Test
    void marginsThatSeparateTheClassesDoNotMakeItCertain() {
        // 20 tickets of each class, every one on the right side by far: the likelihood alone would push the scales to
        // infinity. Platt's targets hold each class's confidence at (20 + 1) / (20 + 2).
        double[][] margins = new double[40][];
        int[] labels = new int[40];
        for (int i = 0; i < 40; i++) {
            labels[i] = i % 2;
            margins[i] = labels[i] == 0 ? new double[] {2, -2} : new double[] {-2, 2};
        }
        Calibration fitted = Calibration.fit(margins, labels, false);
        assertEquals(21.0 / 22, fitted.probabilities(margins[0])[0], 1e-4);
        assertEquals(21.0 / 22, fitted.probabilities(margins[1])[1], 1e-4);
    }

    @Test
    void theSameMarginsGiveTheSameCalibration() {
        double[][] margins = {{1, -1}, {0.5, -0.5}, {-2, 2}, {0.2, -0.2}, {-0.1, 0.1}};
        int[] labels = {0, 1, 1, 0, 0};
        Calibration first = Calibration.fit(margins, labels, false);
        Calibration second = Calibration.fit(margins, labels, false);
        assertEquals(Arrays.toString(first.scale()), Arrays.toString(second.scale()));
        assertEquals(Arrays.toString(first.offset()), Arrays.toString(second.offset()));
    }

    private static int draw(float[] probabilities, double u) {
        double sum = 0;
        for (int c = 0; c < probabilities.length; c++) {
            sum += probabilities[c];
            if (u < sum) {
                return c;
            }
        }
        return probabilities.length - 1;
    }
}
