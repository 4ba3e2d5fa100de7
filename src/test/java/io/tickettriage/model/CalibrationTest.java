package io.tickettriage.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Test
    void findsTheTemperatureThatGeneratedTheLabels() {
        Random random = new Random(1);
        int n = 20_000;
        double[][] margins = new double[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            margins[i] = new double[] {random.nextGaussian() * 4, random.nextGaussian() * 4, random.nextGaussian() * 4};
            // Labels drawn from softmax(margin / 2.5): the fitted temperature must come out near 2.5.
            double[] p = new double[3];
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                p[c] = Math.exp(margins[i][c] / 2.5);
                sum += p[c];
            }
            double u = random.nextDouble() * sum;
            labels[i] = u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2;
        }
        assertEquals(2.5, Calibration.temperature(margins, labels), 0.15);
    }
}
