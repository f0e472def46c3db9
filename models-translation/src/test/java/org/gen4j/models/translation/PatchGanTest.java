package org.gen4j.models.translation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.gen4j.core.model.PatchDiscriminator;
import org.gen4j.core.model.PatchDiscriminatorSpec;
import org.gen4j.core.nn.SeededNormalInitializer;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.util.Options;
import org.gen4j.testing.BaseManager;
import org.gen4j.testing.TestArrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The PatchGAN critic: its receptive field measured by the gradient of one score with respect to
 * the input, its output shape, its refusals, and its forward pass against a plain-Java scalar
 * reference.
 */
class PatchGanTest {

    @BaseManager private NDManager manager;
    private ParameterStore ps;

    @BeforeEach
    void open() {
        ps = new ParameterStore(manager, false);
    }

    static PatchDiscriminator critic(Shape in, int extra, Map<String, Object> options,
            boolean batchNormAllowed) {
        return PatchGan.create(new PatchDiscriminatorSpec(in, extra,
                new Options("critic 'patchgan'", options), batchNormAllowed));
    }

    /** Initialises every weight and bias from N(0, std^2) drawn from a seeded stream. */
    private Block initialised(PatchDiscriminator d, Shape batch, long seed, float std) {
        Block b = d.block();
        b.setInitializer(new SeededNormalInitializer(new RandomStream(seed), 0f, std),
                Parameter.Type.WEIGHT);
        b.setInitializer(new SeededNormalInitializer(new RandomStream(seed + 1), 0f, std),
                Parameter.Type.BIAS);
        b.initialize(manager, DataType.FLOAT32, batch);
        return b;
    }

    @Test
    void receptiveFieldsAreThoseOfThePaper() {
        int[] expected = {16, 34, 70, 142, 286};
        for (int l = 1; l <= 5; l++) {
            assertThat(PatchGan.receptiveField(l)).as("%d layers", l).isEqualTo(expected[l - 1]);
        }
    }

    /**
     * The gradient of the central score with respect to the input is nonzero on a square of the
     * receptive field's side and zero outside it. With LeakyReLU every path is live, so no pixel
     * of the field can have a zero gradient except by an exact cancellation.
     *
     * <p>The square's position is hand-computed: for one layer, output (15, 15) of the 30x30 map
     * reads rows 14..17 of the 31x31 map, rows 13..19 of the 32x32 map and input rows 25..40;
     * for two layers, output (7, 7) of 14x14 reads rows 17..50 of the input.
     */
    @ParameterizedTest(name = "{0} layer(s): field {1} at rows {2}..")
    @CsvSource({"1, 16, 25, 30", "2, 34, 17, 14"})
    void aCentralScoreSeesExactlyItsReceptiveField(int layers, int field, int first,
            int outSide) {
        Shape in = new Shape(1, 64, 64);
        PatchDiscriminator d = critic(in, 0, Map.of("layers", layers, "norm", "none",
                "width", 2), false);
        assertThat(d.receptiveField()).isEqualTo(field);
        Block block = initialised(d, new Shape(1, 1, 64, 64), 11, 0.5f);
        NDArray x = TestArrays.gaussian(manager, new Shape(1, 1, 64, 64), 3);
        x.setRequiresGradient(true);
        float[] g;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray out = block.forward(ps, new NDList(x), true).singletonOrThrow();
            assertThat(out.getShape()).isEqualTo(new Shape(1, 1, outSide, outSide));
            int c = outSide / 2;
            gc.backward(out.get(new NDIndex("0, 0, {}, {}", c, c)).sum());
            g = x.getGradient().toFloatArray();
        }
        int top = Integer.MAX_VALUE;
        int bottom = -1;
        int left = Integer.MAX_VALUE;
        int right = -1;
        int nonzero = 0;
        for (int r = 0; r < 64; r++) {
            for (int c = 0; c < 64; c++) {
                if (g[r * 64 + c] != 0f) {
                    nonzero++;
                    top = Math.min(top, r);
                    bottom = Math.max(bottom, r);
                    left = Math.min(left, c);
                    right = Math.max(right, c);
                }
            }
        }
        assertThat(bottom - top + 1).as("height of the nonzero region").isEqualTo(field);
        assertThat(right - left + 1).as("width of the nonzero region").isEqualTo(field);
        assertThat(nonzero).as("every pixel of the square is seen").isEqualTo(field * field);
        assertThat(top).isEqualTo(first);
        assertThat(left).isEqualTo(first);
    }

    /** A finite difference at a pixel just outside the one-layer field leaves the score as is. */
    @Test
    void perturbingPixelsOutsideTheFieldLeavesTheScoreUnchanged() {
        Shape batch = new Shape(1, 1, 64, 64);
        PatchDiscriminator d = critic(new Shape(1, 64, 64), 0, Map.of("layers", 1, "norm",
                "none", "width", 2), false);
        Block block = initialised(d, batch, 12, 0.5f);
        float[] x0 = TestArrays.gaussian(manager, batch, 4).toFloatArray();
        float base = score(block, x0, 15);
        // The field of output (15, 15) is rows and columns 25..40.
        int[][] outside = {{24, 30}, {41, 30}, {30, 24}, {30, 41}, {24, 24}, {0, 0}};
        for (int[] p : outside) {
            float[] xp = x0.clone();
            xp[p[0] * 64 + p[1]] += 5f;
            assertThat(score(block, xp, 15)).as("pixel (%d, %d)", p[0], p[1]).isEqualTo(base);
        }
        int[][] inside = {{25, 25}, {40, 40}, {25, 40}, {32, 33}};
        for (int[] p : inside) {
            float[] xp = x0.clone();
            xp[p[0] * 64 + p[1]] += 5f;
            assertThat(score(block, xp, 15)).as("pixel (%d, %d)", p[0], p[1]).isNotEqualTo(base);
        }
    }

    private float score(Block block, float[] x, int at) {
        NDArray out = block.forward(ps, new NDList(manager.create(x, new Shape(1, 1, 64, 64))),
                false).singletonOrThrow();
        return out.get(new NDIndex("0, 0, {}, {}", at, at)).getFloat();
    }

    @Test
    void outputsOneScoreAndTheExtraLogitsPerPatch() {
        // 28 < 64: two layers by default; 28 -> 14 -> 7 (stride 2) -> 6 -> 5 (stride 1).
        PatchDiscriminator d = critic(new Shape(1, 28, 28), 3, Map.of("width", 2, "norm",
                "none"), false);
        assertThat(d.receptiveField()).isEqualTo(34);
        assertThat(d.batchNorm()).isFalse();
        Shape batch = new Shape(2, 1, 28, 28);
        Block block = initialised(d, batch, 1, 0.1f);
        assertThat(block.getOutputShapes(new Shape[] {batch})[0])
                .isEqualTo(new Shape(2, 4, 5, 5));
        NDArray out = block.forward(ps, new NDList(TestArrays.gaussian(manager, batch, 2)), false)
                .singletonOrThrow();
        assertThat(out.getShape()).isEqualTo(new Shape(2, 4, 5, 5));

        // Three layers take 28 down to 3, the smallest the two stride-1 convolutions accept.
        PatchDiscriminator three = critic(new Shape(1, 28, 28), 0, Map.of("layers", 3, "width",
                2, "norm", "none"), false);
        Block b3 = initialised(three, new Shape(1, 1, 28, 28), 2, 0.1f);
        assertThat(b3.getOutputShapes(new Shape[] {new Shape(1, 1, 28, 28)})[0])
                .isEqualTo(new Shape(1, 1, 1, 1));

        // The receptive-field option picks the layers; batch norm is the default when allowed.
        PatchDiscriminator byField = critic(new Shape(3, 64, 64), 0, Map.of("receptive-field",
                70, "width", 2), true);
        assertThat(byField.receptiveField()).isEqualTo(70);
        assertThat(byField.batchNorm()).isTrue();
        assertThat(critic(new Shape(3, 64, 64), 0, Map.of("width", 2), false).receptiveField())
                .as("64 pixels: three layers by default").isEqualTo(70);
    }

    @Test
    void refusesFieldsNotInTheListBatchNormUnderAPenaltyAndTooManyLayers() {
        Shape in = new Shape(1, 64, 64);
        assertThatThrownBy(() -> critic(in, 0, Map.of("receptive-field", 50), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'receptive-field' must be one of [16, 34, 70, 142, 286]")
                .hasMessageContaining("got 50");
        assertThatThrownBy(() -> critic(in, 0, Map.of("receptive-field", 70, "layers", 3), true))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> critic(in, 0, Map.of("norm", "batch"), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("option 'norm' is batch")
                .hasMessageContaining("gradient penalty");
        assertThat(critic(in, 0, Map.of("norm", "batch"), true).batchNorm()).isTrue();
        assertThat(critic(in, 0, Map.of(), false).batchNorm())
                .as("without batch norm allowed the default is none").isFalse();
        // 28 -> 14 -> 7 -> 3 -> 1 before the stride-1 convolutions: too small.
        assertThatThrownBy(() -> critic(new Shape(1, 28, 28), 0, Map.of("layers", 4), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4 layers take")
                .hasMessageContaining("down to 1x1")
                .hasMessageContaining("use fewer layers");
        // 16 -> 8 -> 4 -> 2.
        assertThatThrownBy(() -> critic(new Shape(1, 16, 16), 0, Map.of("receptive-field", 70),
                false)).hasMessageContaining("down to 2x2");
        assertThatThrownBy(() -> critic(in, 0, Map.of("layers", 6), false))
                .hasMessageContaining("'layers' must be in [1, 5]");
        assertThatThrownBy(() -> critic(in, 0, Map.of("widht", 4), false))
                .hasMessageContaining("unknown option [widht]");
    }

    /**
     * One layer, width 2, no norm, on 12x12: conv 1 -> 2 (4x4, stride 2) 12 -> 6, LeakyReLU,
     * conv 2 -> 4 (stride 1) 6 -> 5, LeakyReLU, conv 4 -> 1 (stride 1) 5 -> 4, all padding 1,
     * against the same computation in doubles.
     */
    @Test
    void forwardMatchesAScalarReference() {
        Shape batch = new Shape(2, 1, 12, 12);
        PatchDiscriminator d = critic(new Shape(1, 12, 12), 0, Map.of("layers", 1, "norm",
                "none", "width", 2), false);
        Block block = initialised(d, batch, 21, 0.4f);
        Map<String, NDArray> params = new LinkedHashMap<>();
        block.getParameters().forEach(p -> params.put(p.getKey(), p.getValue().getArray()));
        List<NDArray> weights = new ArrayList<>();
        List<NDArray> biases = new ArrayList<>();
        params.forEach((name, a) -> (name.endsWith("_weight") ? weights : biases).add(a));
        assertThat(params.keySet()).as("conv, LeakyReLU, conv, LeakyReLU, conv").containsExactly(
                "01Conv2d_weight", "01Conv2d_bias", "03Conv2d_weight", "03Conv2d_bias",
                "05Conv2d_weight", "05Conv2d_bias");
        assertThat(weights.get(0).getShape()).isEqualTo(new Shape(2, 1, 4, 4));
        assertThat(weights.get(1).getShape()).isEqualTo(new Shape(4, 2, 4, 4));
        assertThat(weights.get(2).getShape()).isEqualTo(new Shape(1, 4, 4, 4));

        NDArray x = TestArrays.gaussian(manager, batch, 8);
        float[] y = block.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
        float[] xs = x.toFloatArray();
        assertThat(y).hasSize(2 * 4 * 4);
        for (int n = 0; n < 2; n++) {
            double[][][] a = Scalar.image(xs, n, 1, 12, 12);
            a = leaky(Scalar.conv(a, weights.get(0).toFloatArray(), biases.get(0).toFloatArray(),
                    2, 4, 2, 1));
            a = leaky(Scalar.conv(a, weights.get(1).toFloatArray(), biases.get(1).toFloatArray(),
                    4, 4, 1, 1));
            a = Scalar.conv(a, weights.get(2).toFloatArray(), biases.get(2).toFloatArray(), 1, 4,
                    1, 1);
            assertThat(a[0].length).isEqualTo(4);
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    assertThat((double) y[n * 16 + r * 4 + c]).as("n %d (%d, %d)", n, r, c)
                            .isCloseTo(a[0][r][c], Offset.offset(1e-4));
                }
            }
        }
    }

    private static double[][][] leaky(double[][][] a) {
        for (double[][] plane : a) {
            for (double[] row : plane) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = row[i] >= 0 ? row[i] : 0.2 * row[i];
                }
            }
        }
        return a;
    }
}
