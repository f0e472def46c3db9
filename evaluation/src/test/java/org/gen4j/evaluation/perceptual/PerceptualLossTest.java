package org.gen4j.evaluation.perceptual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Map;
import org.gen4j.core.loss.ReconstructionLoss;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.util.Options;
import org.gen4j.evaluation.features.FashionMnistClassifier;
import org.gen4j.testing.TestArrays;
import org.junit.jupiter.api.Test;

/**
 * The perceptual term: its features are the shipped classifier's inference features, it is 0
 * for identical images, and its gradient matches finite differences.
 */
class PerceptualLossTest {

    @Test
    void itIsTheMeanSquaredFeatureDifferenceWithAFiniteDifferenceGradient() throws Exception {
        ReconstructionLoss loss = Gen4j.registry().reconstructionLoss("perceptual")
                .create(new Options("perceptual", Map.of()));
        try (NDManager m = NDManager.newBaseManager();
                FashionMnistClassifier classifier = FashionMnistClassifier.load()) {
            NDArray p = TestArrays.gaussian(m, new Shape(2, 1, 28, 28), 11).mul(0.4f);
            NDArray t = TestArrays.gaussian(m, new Shape(2, 1, 28, 28), 12).mul(0.4f);
            double[][] fp = classifier.apply(p.toFloatArray(), 2).features();
            double[][] ft = classifier.apply(t.toFloatArray(), 2).features();
            float[] value = loss.perSample(p, t).toFloatArray();
            for (int i = 0; i < 2; i++) {
                double sum = 0;
                for (int j = 0; j < fp[i].length; j++) {
                    sum += (fp[i][j] - ft[i][j]) * (fp[i][j] - ft[i][j]);
                }
                assertThat(value[i]).isCloseTo((float) (sum / fp[i].length), within(1e-3f));
            }
            assertThat(loss.perSample(t, t).toFloatArray()).containsOnly(0f);

            p.setRequiresGradient(true);
            float[] g;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(loss.perSample(p, t).sum());
            }
            g = p.getGradient().toFloatArray();
            float[] x = p.toFloatArray();
            float[] ts = t.toFloatArray();
            double eps = 1e-3;
            for (int i : new int[] {300, 405, 784 + 400, 784 + 500}) {
                float[] up = x.clone();
                float[] down = x.clone();
                up[i] += (float) eps;
                down[i] -= (float) eps;
                double fd = (sum(loss, m, up, ts) - sum(loss, m, down, ts)) / (2 * eps);
                // ReLU and max-pool kinks within eps make the difference quotient rough.
                assertThat((double) g[i]).as("gradient at %d", i)
                        .isCloseTo(fd, within(1e-3 + 0.15 * Math.abs(fd)));
            }
        }
    }

    private static double sum(ReconstructionLoss loss, NDManager m, float[] p, float[] t) {
        try (NDManager s = m.newSubManager()) {
            Shape shape = new Shape(2, 1, 28, 28);
            return loss.perSample(s.create(p, shape), s.create(t, shape)).sum().getFloat();
        }
    }
}
