package org.gen4j.models.gan.progan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.gen4j.core.model.NetworkSpec;
import org.gen4j.core.util.Options;
import org.gen4j.testing.BaseManager;
import org.gen4j.testing.TestArrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ProGAN's networks: fade-in against the lower stage upsampled (alpha 0) and the linear blend
 * in between, the discriminator's fade against its lower stage, the equalised layer against a
 * scalar reference, pixel normalisation and the minibatch standard deviation against their
 * closed forms, and the layouts for the data's side.
 */
class ProGanTest {

    @BaseManager private NDManager manager;
    private ParameterStore ps;

    @BeforeEach
    void open() {
        ps = new ParameterStore(manager, false);
    }

    private static NetworkSpec spec(Shape sample) {
        return new NetworkSpec(sample, 8, new Options("model 'progan'", Map.of("width", 4)));
    }

    private NDArray random(Shape shape, long seed) {
        return TestArrays.gaussian(manager, shape, seed);
    }

    private float[] generate(ProGanGenerator g, NDArray z, int stage, float alpha) {
        g.grow(stage, alpha);
        return g.forward(ps, new NDList(z), false).singletonOrThrow().toFloatArray();
    }

    private static void assertClose(float[] a, float[] b, float tolerance, String what) {
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("%s [%d]", what, i).isCloseTo(b[i], Offset.offset(tolerance));
        }
    }

    @Test
    void theGeneratorsFadeStartsAtTheLowerStageUpsampledAndBlendsLinearly() {
        ProGanGenerator g = (ProGanGenerator) ProGan.generator(spec(new Shape(1, 28, 28)))
                .block();
        g.initialize(manager, DataType.FLOAT32, new Shape(3, 8));
        NDArray z = random(new Shape(3, 8), 1);
        for (int stage = 1; stage < g.stages(); stage++) {
            float[] lower = generate(g, z, stage - 1, 1f);
            float[] faded0 = generate(g, z, stage, 0f);
            float[] full = generate(g, z, stage, 1f);
            float[] quarter = generate(g, z, stage, 0.25f);
            assertClose(faded0, lower, 1e-6f, "stage " + stage + " alpha 0");
            assertThat(full).as("alpha 1 is the new block").isNotEqualTo(lower);
            float[] blend = new float[full.length];
            for (int i = 0; i < blend.length; i++) {
                blend[i] = 0.75f * lower[i] + 0.25f * full[i];
            }
            assertClose(quarter, blend, 1e-5f, "stage " + stage + " alpha 0.25");
        }
    }

    @Test
    void anEarlyStagesImageIsItsSmallImageUpsampledToTheDatasSide() {
        ProGanGenerator g = (ProGanGenerator) ProGan.generator(spec(new Shape(1, 28, 28)))
                .block();
        g.initialize(manager, DataType.FLOAT32, new Shape(1, 8));
        float[] x = generate(g, random(new Shape(1, 8), 2), 0, 1f);
        assertThat(x).hasSize(28 * 28);
        for (int i = 0; i < 28; i++) {
            for (int j = 0; j < 28; j++) {
                assertThat(x[i * 28 + j]).isEqualTo(x[(i / 4 * 4) * 28 + j / 4 * 4]);
            }
        }
    }

    @Test
    void theDiscriminatorsFadeStartsAtItsLowerStage() {
        ProGanDiscriminator d = (ProGanDiscriminator) ProGan.discriminator(
                spec(new Shape(3, 32, 32))).block();
        d.initialize(manager, DataType.FLOAT32, new Shape(4, 3, 32, 32));
        NDArray x = random(new Shape(4, 3, 32, 32), 3);
        for (int stage = 1; stage < d.stages(); stage++) {
            d.grow(stage - 1, 1f);
            float[] lower = d.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
            d.grow(stage, 0f);
            float[] faded0 = d.forward(ps, new NDList(x), false).singletonOrThrow()
                    .toFloatArray();
            d.grow(stage, 1f);
            float[] full = d.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
            assertClose(faded0, lower, 1e-4f, "critic stage " + stage + " alpha 0");
            assertThat(full).isNotEqualTo(lower);
        }
    }

    @Test
    void theEqualisedLayerScalesItsStoredWeightByHesConstant() {
        EqualizedLayer layer = EqualizedLayer.linear(2, (float) Math.sqrt(2));
        layer.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
        random(new Shape(2, 3), 4).copyTo(layer.getDirectParameters().get("weight").getArray());
        NDArray x = manager.create(new float[] {1f, -2f, 0.5f}, new Shape(1, 3));
        float[] y = layer.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
        float[] w = layer.getDirectParameters().get("weight").getArray().toFloatArray();
        double c = Math.sqrt(2) / Math.sqrt(3);
        assertThat((double) layer.scale()).isCloseTo(c, Offset.offset(1e-7));
        for (int o = 0; o < 2; o++) {
            double s = 0;
            for (int i = 0; i < 3; i++) {
                s += c * w[o * 3 + i] * x.toFloatArray()[i];
            }
            assertThat((double) y[o]).isCloseTo(s, Offset.offset(1e-5));
        }
    }

    @Test
    void pixelNormGivesEveryPixelUnitRootMeanSquareOverChannels() {
        float[] y = ProGanOps.pixelNorm(random(new Shape(2, 5, 3, 3), 5)).toFloatArray();
        for (int n = 0; n < 2; n++) {
            for (int p = 0; p < 9; p++) {
                double ms = 0;
                for (int c = 0; c < 5; c++) {
                    ms += Math.pow(y[(n * 5 + c) * 9 + p], 2) / 5;
                }
                assertThat(ms).isCloseTo(1.0, Offset.offset(1e-5));
            }
        }
    }

    @Test
    void theMinibatchStandardDeviationIsTheMeanOverFeaturesOfTheBatchStd() {
        NDArray x = random(new Shape(4, 2, 3, 3), 6);
        float[] v = x.toFloatArray();
        double total = 0;
        for (int f = 0; f < 18; f++) {
            double mean = 0;
            for (int n = 0; n < 4; n++) {
                mean += v[n * 18 + f] / 4;
            }
            double var = 0;
            for (int n = 0; n < 4; n++) {
                var += Math.pow(v[n * 18 + f] - mean, 2) / 4;
            }
            total += Math.sqrt(var + 1e-8) / 18;
        }
        NDArray y = ProGanOps.minibatchStd(x);
        assertThat(y.getShape()).isEqualTo(new Shape(4, 3, 3, 3));
        float[] out = y.toFloatArray();
        for (int n = 0; n < 4; n++) {
            for (int p = 0; p < 9; p++) {
                assertThat((double) out[(n * 3 + 2) * 9 + p]).isCloseTo(total,
                        Offset.offset(1e-5));
            }
        }
    }

    @Test
    void theLayoutGrowsFromSevenOrFourToTheDatasSide() {
        assertThat(ProGan.layout(spec(new Shape(1, 28, 28))).base()).isEqualTo(7);
        assertThat(ProGan.layout(spec(new Shape(1, 28, 28))).stages()).isEqualTo(3);
        assertThat(ProGan.layout(spec(new Shape(3, 64, 64))).stages()).isEqualTo(5);
        assertThat(ProGan.layout(spec(new Shape(1, 28, 28))).widths()).containsExactly(16, 8, 4);
        assertThatThrownBy(() -> ProGan.layout(spec(new Shape(1, 30, 30))))
                .hasMessageContaining("7 * 2^k or 4 * 2^k");
        assertThatThrownBy(() -> ProGan.layout(spec(new Shape(2))))
                .hasMessageContaining("square images");
    }
}
