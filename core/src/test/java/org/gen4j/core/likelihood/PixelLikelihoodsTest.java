package org.gen4j.core.likelihood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.gen4j.testing.BaseManager;
import org.junit.jupiter.api.Test;

/** Each decoder distribution's -log p(x|z) against its closed form, computed in plain Java. */
class PixelLikelihoodsTest {

    @BaseManager private NDManager m;

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    @Test
    void bernoulliIsTheBinaryCrossEntropyOfLogitsSummedPerSample() {
        float[] logits = {2f, -1f, 0.5f, -30f, 30f, 0f};
        float[] x = {1f, -1f, -1f, -1f, 1f, 1f};
        float[] nll = PixelLikelihoods.of("bernoulli", 1).nll(m.create(logits, new Shape(2, 3)),
                m.create(x, new Shape(2, 3))).toFloatArray();
        for (int s = 0; s < 2; s++) {
            double expected = 0;
            for (int i = 3 * s; i < 3 * s + 3; i++) {
                double p = sigmoid(logits[i]);
                expected -= x[i] > 0 ? Math.log(p) : Math.log1p(-p);
            }
            assertThat((double) nll[s]).as("sample %d", s)
                    .isCloseTo(expected, within(1e-5 * Math.max(1, expected)));
        }
        assertThat(PixelLikelihoods.of("bernoulli", 1).mean(m.create(new float[] {0f, 100f}))
                .toFloatArray()).containsExactly(0f, 1f);
    }

    @Test
    void gaussiansAreTheirDensitiesSummedPerSample() {
        float[] mu = {0.1f, -0.4f, 0.9f, 0f};
        float[] x = {0.3f, -0.5f, 1f, -1f};
        double s = 0.2;
        float[] fixed = PixelLikelihoods.of("gaussian", s).nll(m.create(mu, new Shape(1, 4)),
                m.create(x, new Shape(1, 4))).toFloatArray();
        double expected = 0;
        for (int i = 0; i < 4; i++) {
            double z = (x[i] - mu[i]) / s;
            expected += 0.5 * z * z + Math.log(s) + 0.5 * Math.log(2 * Math.PI);
        }
        assertThat((double) fixed[0]).isCloseTo(expected, within(1e-5));
        // Learned: the second half of the channels is the log standard deviation.
        float[] logStd = {-1f, 0.5f, -2f, 0f};
        float[] out = new float[8];
        System.arraycopy(mu, 0, out, 0, 4);
        System.arraycopy(logStd, 0, out, 4, 4);
        float[] learned = PixelLikelihoods.of("gaussian-learned", 1)
                .nll(m.create(out, new Shape(1, 2, 2, 2)), m.create(x, new Shape(1, 1, 2, 2)))
                .toFloatArray();
        double e2 = 0;
        for (int i = 0; i < 4; i++) {
            double z = (x[i] - mu[i]) / Math.exp(logStd[i]);
            e2 += 0.5 * z * z + logStd[i] + 0.5 * Math.log(2 * Math.PI);
        }
        assertThat((double) learned[0]).isCloseTo(e2, within(1e-4));
        assertThatThrownBy(() -> PixelLikelihoods.of("gaussian", 0))
                .hasMessageContaining("decoder-std must be finite and > 0");
        assertThatThrownBy(() -> PixelLikelihoods.of("poisson", 1))
                .hasMessageContaining("a pixel distribution must be one of [bernoulli, gaussian,");
    }

    @Test
    void theCategoricalIsTheLogSoftmaxAtEachValuesLevelSummedPerSample() {
        // Two samples of two values (C = 2, W = 1); part j of the output holds level j's logits.
        int c = 2;
        float[] out = new float[2 * 256 * c];
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (3 * r.nextGaussian());
        }
        int[][] levels = {{0, 255}, {128, 7}};
        float[] x = new float[2 * c];
        for (int n = 0; n < 2; n++) {
            for (int v = 0; v < c; v++) {
                x[n * c + v] = (float) (levels[n][v] / 127.5 - 1);
            }
        }
        PixelLikelihood cat = PixelLikelihoods.of("categorical", 1);
        assertThat(cat.outputsPerValue()).isEqualTo(256);
        float[] nll = cat.nll(m.create(out, new Shape(2, 256 * c, 1)),
                m.create(x, new Shape(2, c, 1))).toFloatArray();
        float[] mean = cat.mean(m.create(out, new Shape(2, 256 * c, 1))).toFloatArray();
        for (int n = 0; n < 2; n++) {
            double expected = 0;
            for (int v = 0; v < c; v++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < 256; j++) {
                    max = Math.max(max, out[(n * 256 + j) * c + v]);
                }
                double z = 0;
                double m1 = 0;
                for (int j = 0; j < 256; j++) {
                    double e = Math.exp(out[(n * 256 + j) * c + v] - max);
                    z += e;
                    m1 += e * (j / 127.5 - 1);
                }
                expected += -(out[(n * 256 + levels[n][v]) * c + v] - max - Math.log(z));
                assertThat((double) mean[n * c + v]).as("mean %d %d", n, v)
                        .isCloseTo(m1 / z, within(1e-4));
            }
            assertThat((double) nll[n]).as("sample %d", n)
                    .isCloseTo(expected, within(1e-4 * expected));
        }
        assertThat(cat.discrete()).isTrue();
    }

    /** The discretised logistic of one 8-bit level v, in plain Java. */
    private static double logisticLogProb(int v, double mu, double logScale) {
        double x = v / 127.5 - 1;
        double s = Math.exp(logScale);
        double plus = sigmoid((x + 1 / 255.0 - mu) / s);
        double minus = sigmoid((x - 1 / 255.0 - mu) / s);
        if (v == 0) {
            return Math.log(plus);
        }
        if (v == 255) {
            return Math.log1p(-minus);
        }
        return Math.log(plus - minus);
    }

    @Test
    void theDiscretisedLogisticIsAProbabilityOverThe256Levels() {
        double mu = 0.13;
        double logScale = -2.5;
        float[] x = new float[256];
        float[] out = new float[512];
        for (int v = 0; v < 256; v++) {
            x[v] = (float) (v / 127.5 - 1);
            out[v] = (float) mu;
            out[256 + v] = (float) logScale;
        }
        // 256 "pixels" of one sample, one per level: their NLLs add up, so compare level by
        // level through one-pixel samples.
        float[] perLevel = PixelLikelihoods.of("logistic", 1).nll(
                m.create(interleave(out), new Shape(256, 2)), m.create(x, new Shape(256, 1)))
                .toFloatArray();
        double total = 0;
        for (int v = 0; v < 256; v++) {
            double expected = -logisticLogProb(v, mu, logScale);
            assertThat((double) perLevel[v]).as("level %d", v)
                    .isCloseTo(expected, within(2e-3 * Math.max(1, expected)));
            total += Math.exp(-perLevel[v]);
        }
        assertThat(total).as("probability of all levels").isCloseTo(1, within(1e-3));
    }

    private static float[] interleave(float[] meansThenScales) {
        int n = meansThenScales.length / 2;
        float[] out = new float[2 * n];
        for (int i = 0; i < n; i++) {
            out[2 * i] = meansThenScales[i];
            out[2 * i + 1] = meansThenScales[n + i];
        }
        return out;
    }

    @Test
    void theLogisticStaysFiniteWhereABinsMassUnderflows() {
        NDArray out = m.create(new float[] {-1f, -7f}, new Shape(1, 2));
        NDArray x = m.create(new float[] {0.99f}, new Shape(1, 1));
        float nll = PixelLikelihoods.of("logistic", 1).nll(out, x).getFloat();
        assertThat(nll).isFinite().isGreaterThan(100f);
    }
}
