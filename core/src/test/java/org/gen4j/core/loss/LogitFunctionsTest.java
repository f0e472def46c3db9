package org.gen4j.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** The stable logit functions against closed forms, at ordinary and extreme logits. */
class LogitFunctionsTest {

    @Test
    void softplusIsExactAtExtremes() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] x = {-100f, -30f, 0f, 30f, 100f, 1e4f, -1e4f};
            float[] y = LogitFunctions.softplus(m.create(x)).toFloatArray();
            // Absolute error below 1e-7 for very negative x (no log1p in DJL).
            assertThat(y[0]).isCloseTo((float) Math.exp(-100), within(1e-7f));
            assertThat(y[1]).isCloseTo((float) Math.log1p(Math.exp(-30)), within(1e-7f));
            assertThat(y[2]).isCloseTo((float) Math.log(2), within(1e-7f));
            assertThat(y[3]).isCloseTo(30f, within(1e-5f));
            assertThat(y[4]).isEqualTo(100f);
            assertThat(y[5]).isEqualTo(1e4f);
            assertThat(y[6]).isEqualTo(0f);
        }
    }

    @Test
    void logSigmoidMatchesTheTextbookFormWhereThatIsFiniteAndStaysFiniteBeyond() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] x = {-20f, -2.5f, 0f, 0.75f, 12f, -1e4f, 1e4f};
            float[] y = LogitFunctions.logSigmoid(m.create(x)).toFloatArray();
            for (int i = 0; i < 5; i++) {
                double expected = Math.log(1 / (1 + Math.exp(-x[i])));
                assertThat((double) y[i]).as("log sigmoid(%s)", x[i])
                        .isCloseTo(expected, within(1e-6 * Math.max(1, Math.abs(expected))));
            }
            assertThat(y[5]).isEqualTo(-1e4f);
            assertThat(y[6]).isEqualTo(0f);
        }
    }

    @Test
    void gradientsStayFiniteAndCorrectForHugeLogits() {
        // d/dx softplus(x) = sigmoid(x): 0 at -100, 1 at 100, exactly 1/2 at 0.
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {-100f, 100f, 0f});
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(LogitFunctions.softplus(x).sum());
            }
            float[] g = x.getGradient().toFloatArray();
            assertThat(g[0]).isCloseTo(0f, within(1e-6f));
            assertThat(g[1]).isCloseTo(1f, within(1e-6f));
            assertThat(g[2]).isEqualTo(0.5f);
        }
    }

    @Test
    void softmaxCrossEntropyIsTheMeanNegativeLogProbabilityOfTheLabel() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[][] logits = {{1f, 2f, 3f}, {-5f, 0.5f, 40f}, {0f, 0f, 0f}};
            int[] labels = {0, 2, 1};
            double expected = 0;
            for (int n = 0; n < 3; n++) {
                double max = Math.max(logits[n][0], Math.max(logits[n][1], logits[n][2]));
                double z = 0;
                for (float v : logits[n]) {
                    z += Math.exp(v - max);
                }
                expected -= (logits[n][labels[n]] - max - Math.log(z)) / 3;
            }
            float[] flat = new float[9];
            for (int n = 0; n < 3; n++) {
                System.arraycopy(logits[n], 0, flat, 3 * n, 3);
            }
            float got = LogitFunctions.softmaxCrossEntropy(
                    m.create(flat, new ai.djl.ndarray.types.Shape(3, 3)), m.create(labels))
                    .getFloat();
            assertThat(got).isCloseTo((float) expected, within(1e-5f));
        }
    }
}
