package org.gen4j.models.gan.biggan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.gen4j.core.nn.SpectralNorm;
import org.gen4j.core.util.Options;
import org.gen4j.testing.BaseManager;
import org.gen4j.testing.TestArrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * BigGAN's layers against plain-Java references: conditional BatchNorm's per-sample affine map,
 * self-attention (the identity at gamma 0, the SAGAN formula at gamma 1), and the networks'
 * shapes.
 */
class BigGanLayersTest {

    @BaseManager private NDManager manager;
    private ParameterStore ps;

    @BeforeEach
    void open() {
        ps = new ParameterStore(manager, false);
    }

    private NDArray random(Shape shape, long seed) {
        return TestArrays.gaussian(manager, shape, seed);
    }

    /** The effective weight W / sigma of a spectrally normalised layer, (out, in) row-major. */
    private static float[] effective(Block layer) {
        SpectralNorm sn = (SpectralNorm) layer;
        float sigma = sn.sigma();
        float[] w = sn.getDirectParameters().get("weight").getArray().toFloatArray();
        for (int i = 0; i < w.length; i++) {
            w[i] /= sigma;
        }
        return w;
    }

    @Test
    void conditionalBatchNormScalesAndShiftsEachSampleByItsCondition() {
        ConditionalBatchNorm cbn = new ConditionalBatchNorm(3, 1);
        Shape x = new Shape(2, 3, 2, 2);
        Shape c = new Shape(2, 4);
        cbn.initialize(manager, DataType.FLOAT32, x, c);
        NDArray in = random(x, 1);
        NDArray cond = random(c, 2);
        // Inference with fresh running statistics (mean 0, variance 1): x / sqrt(1 + eps).
        float[] y = cbn.forward(ps, new NDList(in, cond), false).singletonOrThrow()
                .toFloatArray();
        float[] g = effective(cbn.getChildren().get("02gain"));
        float[] b = effective(cbn.getChildren().get("03bias"));
        float[] xs = in.toFloatArray();
        float[] cs = cond.toFloatArray();
        for (int n = 0; n < 2; n++) {
            for (int ch = 0; ch < 3; ch++) {
                double gain = 0;
                double bias = 0;
                for (int k = 0; k < 4; k++) {
                    gain += g[ch * 4 + k] * cs[n * 4 + k];
                    bias += b[ch * 4 + k] * cs[n * 4 + k];
                }
                for (int p = 0; p < 4; p++) {
                    int at = (n * 3 + ch) * 4 + p;
                    double expected = xs[at] / Math.sqrt(1 + 1e-5) * (1 + gain) + bias;
                    assertThat((double) y[at]).isCloseTo(expected, Offset.offset(1e-4));
                }
            }
        }
    }

    @Test
    void selfAttentionIsTheIdentityAtGammaZeroAndTheSaganFormulaAtOne() {
        SelfAttention sa = new SelfAttention(8, 3);
        Shape shape = new Shape(1, 8, 2, 3);
        sa.initialize(manager, DataType.FLOAT32, shape);
        NDArray x = random(shape, 4);
        assertThat(sa.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray())
                .containsExactly(x.toFloatArray());
        manager.create(new float[] {1f}).copyTo(sa.getDirectParameters().get("gamma").getArray());
        float[] y = sa.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
        float[] f = effective(sa.getChildren().get("01f"));
        float[] g = effective(sa.getChildren().get("02g"));
        float[] h = effective(sa.getChildren().get("03h"));
        float[] o = effective(sa.getChildren().get("04o"));
        float[] xs = x.toFloatArray();
        int positions = 6;
        double[][] fx = project(f, 1, xs, 8, positions);
        double[][] gx = project(g, 1, xs, 8, positions);
        double[][] hx = project(h, 4, xs, 8, positions);
        for (int i = 0; i < positions; i++) {
            double[] logits = new double[positions];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < positions; j++) {
                logits[j] = fx[0][i] * gx[0][j];
                max = Math.max(max, logits[j]);
            }
            double z = 0;
            for (int j = 0; j < positions; j++) {
                z += Math.exp(logits[j] - max);
            }
            double[] attended = new double[4];
            for (int j = 0; j < positions; j++) {
                double beta = Math.exp(logits[j] - max) / z;
                for (int c = 0; c < 4; c++) {
                    attended[c] += beta * hx[c][j];
                }
            }
            for (int c = 0; c < 8; c++) {
                double out = 0;
                for (int k = 0; k < 4; k++) {
                    out += o[c * 4 + k] * attended[k];
                }
                assertThat((double) y[c * positions + i]).as("channel %d position %d", c, i)
                        .isCloseTo(xs[c * positions + i] + out, Offset.offset(1e-4));
            }
        }
    }

    /** A 1x1 convolution without bias: (out, positions). */
    private static double[][] project(float[] w, int out, float[] x, int in, int positions) {
        double[][] y = new double[out][positions];
        for (int c = 0; c < out; c++) {
            for (int p = 0; p < positions; p++) {
                for (int k = 0; k < in; k++) {
                    y[c][p] += w[c * in + k] * x[k * positions + p];
                }
            }
        }
        return y;
    }

    @Test
    void theNetworksFitTheDataAndTakeLabels() {
        for (Shape sample : new Shape[] {new Shape(1, 28, 28), new Shape(3, 32, 32)}) {
            Options o = new Options("model 'biggan'", Map.of("width", 4));
            var g = BigGan.generator(sample, 20, 10, o);
            var d = BigGan.discriminator(sample, 10, new Options("model 'biggan'",
                    Map.of("width", 4)));
            g.block().initialize(manager, DataType.FLOAT32, new Shape(2, 20), new Shape(2));
            d.block().initialize(manager, DataType.FLOAT32, new Shape(2).addAll(sample),
                    new Shape(2));
            NDArray labels = manager.create(new int[] {1, 7});
            NDArray x = g.block().forward(ps, new NDList(random(new Shape(2, 20), 5), labels),
                    false).singletonOrThrow();
            assertThat(x.getShape()).isEqualTo(new Shape(2).addAll(sample));
            NDArray score = d.block().forward(ps, new NDList(x, labels), false)
                    .singletonOrThrow();
            assertThat(score.getShape()).isEqualTo(new Shape(2, 1));
        }
        assertThatThrownBy(() -> BigGan.generator(new Shape(1, 28, 28), 2, 10,
                new Options("model 'biggan'", Map.of()))).hasMessageContaining(
                        "latent-size must be >= 3");
        assertThatThrownBy(() -> BigGan.discriminator(new Shape(1, 30, 30), 10,
                new Options("model 'biggan'", Map.of()))).hasMessageContaining("7 * 2^k");
    }
}
