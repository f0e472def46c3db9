package org.gen4j.core.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.assertj.core.data.Offset;
import org.gen4j.core.random.RandomStream;
import org.gen4j.testing.BaseManager;
import org.junit.jupiter.api.Test;

/**
 * DiffAugment against a plain-Java reference of each transform (drawing the same numbers from
 * the same stream), its gradient against finite differences, and the same transform on real and
 * generated images under the same stream state.
 */
class DiffAugmentTest {

    private static final int B = 3;
    private static final int C = 2;
    private static final int H = 8;
    private static final int W = 8;

    @BaseManager private NDManager manager;

    private static float[] images(long seed) {
        RandomStream r = new RandomStream(seed);
        float[] x = new float[B * C * H * W];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.tanh(r.nextGaussian());
        }
        return x;
    }

    private NDArray array(float[] x) {
        return manager.create(x, new Shape(B, C, H, W));
    }

    private static int at(int b, int c, int i, int j) {
        return ((b * C + c) * H + i) * W + j;
    }

    /** The reference: the documented transforms, value by value, in double. */
    private static double[] reference(float[] x, List<String> policy, long seed) {
        RandomStream r = new RandomStream(seed);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i];
        }
        if (policy.contains("color")) {
            double[] bright = new double[B];
            double[] sat = new double[B];
            double[] con = new double[B];
            for (int b = 0; b < B; b++) {
                bright[b] = -0.5f + r.nextFloat();
            }
            for (int b = 0; b < B; b++) {
                sat[b] = 2f * r.nextFloat();
            }
            for (int b = 0; b < B; b++) {
                con[b] = 0.5f + r.nextFloat();
            }
            for (int b = 0; b < B; b++) {
                for (int k = 0; k < C * H * W; k++) {
                    y[b * C * H * W + k] += bright[b];
                }
                for (int i = 0; i < H; i++) {
                    for (int j = 0; j < W; j++) {
                        double m = 0;
                        for (int c = 0; c < C; c++) {
                            m += y[at(b, c, i, j)] / C;
                        }
                        for (int c = 0; c < C; c++) {
                            y[at(b, c, i, j)] = (y[at(b, c, i, j)] - m) * sat[b] + m;
                        }
                    }
                }
                double m = 0;
                for (int k = 0; k < C * H * W; k++) {
                    m += y[b * C * H * W + k] / (C * H * W);
                }
                for (int k = 0; k < C * H * W; k++) {
                    y[b * C * H * W + k] = (y[b * C * H * W + k] - m) * con[b] + m;
                }
            }
        }
        if (policy.contains("translation")) {
            double[] shifted = new double[y.length];
            for (int b = 0; b < B; b++) {
                int ty = r.nextInt(2 + 1) - 1; // s = round(8 / 8) = 1
                int tx = r.nextInt(2 + 1) - 1;
                for (int c = 0; c < C; c++) {
                    for (int i = 0; i < H; i++) {
                        for (int j = 0; j < W; j++) {
                            int si = i + ty;
                            int sj = j + tx;
                            shifted[at(b, c, i, j)] = si >= 0 && si < H && sj >= 0 && sj < W
                                    ? y[at(b, c, si, sj)] : 0;
                        }
                    }
                }
            }
            y = shifted;
        }
        if (policy.contains("cutout")) {
            for (int b = 0; b < B; b++) {
                int oy = r.nextInt(H + 1) - 2; // size 4: offsets 0..8, square from offset - 2
                int ox = r.nextInt(W + 1) - 2;
                for (int c = 0; c < C; c++) {
                    for (int i = 0; i < H; i++) {
                        for (int j = 0; j < W; j++) {
                            if (i >= oy && i < oy + 4 && j >= ox && j < ox + 4) {
                                y[at(b, c, i, j)] = 0;
                            }
                        }
                    }
                }
            }
        }
        return y;
    }

    private void assertMatchesReference(List<String> policy) {
        float[] x = images(5);
        for (long seed = 0; seed < 6; seed++) {
            float[] got = DiffAugment.of(policy).apply(array(x), new RandomStream(seed))
                    .toFloatArray();
            double[] want = reference(x, policy, seed);
            for (int i = 0; i < got.length; i++) {
                assertThat((double) got[i]).as("%s seed %d value %d", policy, seed, i)
                        .isCloseTo(want[i], Offset.offset(1e-5));
            }
        }
    }

    @Test
    void colorMatchesTheReference() {
        assertMatchesReference(List.of("color"));
    }

    @Test
    void translationMatchesTheReference() {
        assertMatchesReference(List.of("translation"));
    }

    @Test
    void cutoutMatchesTheReference() {
        assertMatchesReference(List.of("cutout"));
    }

    @Test
    void allThreeMatchTheReferenceInOrder() {
        assertMatchesReference(List.of("cutout", "color", "translation"));
    }

    @Test
    void theGradientMatchesFiniteDifferences() {
        DiffAugment aug = DiffAugment.of(List.of("color", "translation", "cutout"));
        float[] x = images(7);
        float[] weights = images(8);
        long seed = 11;
        float[] analytic;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray in = array(x);
            in.setRequiresGradient(true);
            NDArray loss = aug.apply(in, new RandomStream(seed)).mul(array(weights)).sum();
            gc.backward(loss);
            analytic = in.getGradient().toFloatArray();
        }
        double eps = 1e-2;
        int checked = 0;
        for (int i = 0; i < x.length; i += 7) {
            float[] plus = x.clone();
            float[] minus = x.clone();
            plus[i] += (float) eps;
            minus[i] -= (float) eps;
            double fp = aug.apply(array(plus), new RandomStream(seed)).mul(array(weights)).sum()
                    .getFloat();
            double fm = aug.apply(array(minus), new RandomStream(seed)).mul(array(weights)).sum()
                    .getFloat();
            assertThat((double) analytic[i]).as("d/dx[%d]", i)
                    .isCloseTo((fp - fm) / (2 * eps), Offset.offset(2e-3));
            checked++;
        }
        assertThat(checked).isGreaterThan(50);
        assertThat(analytic).as("the gradient reaches the input").isNotEqualTo(new float[x.length]);
    }

    @Test
    void realAndFakeImagesGetTheSameTransformUnderTheSameStreamState() {
        DiffAugment aug = DiffAugment.of(List.of("translation", "cutout"));
        float[] real = images(1);
        float[] fake = images(2);
        float[] sum = new float[real.length];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = real[i] + fake[i];
        }
        NDArray a = aug.apply(array(real), new RandomStream(4));
        NDArray b = aug.apply(array(fake), new RandomStream(4));
        NDArray ab = aug.apply(array(sum), new RandomStream(4));
        // Translation and cutout are linear for fixed parameters: T(a) + T(b) = T(a + b) holds
        // exactly when both images got the same shifts and squares.
        float[] lhs = a.add(b).toFloatArray();
        float[] rhs = ab.toFloatArray();
        for (int i = 0; i < lhs.length; i++) {
            assertThat(lhs[i]).isCloseTo(rhs[i], Offset.offset(1e-6f));
        }
        assertThat(aug.apply(array(real), new RandomStream(4)).toFloatArray())
                .containsExactly(a.toFloatArray());
        assertThat(aug.apply(array(real), new RandomStream(5)).toFloatArray())
                .isNotEqualTo(a.toFloatArray());
    }

    @Test
    void badPoliciesAndShapesAreRefusedNamingThem() {
        assertThat(DiffAugment.KEY.bind(new TextNode("color, cutout")))
                .containsExactly("color", "cutout");
        assertThat(DiffAugment.of(List.of()).isEmpty()).isTrue();
        assertThatThrownBy(() -> DiffAugment.KEY.bind(new TextNode("color,flip")))
                .hasMessageContaining("no transform 'flip'")
                .hasMessageContaining("color, translation, cutout");
        assertThatThrownBy(() -> DiffAugment.KEY.bind(new ObjectMapper().createObjectNode()))
                .hasMessageContaining("diff-augment must be a list");
        assertThatThrownBy(() -> DiffAugment.of(List.of("color")).apply(
                manager.zeros(new Shape(4, 2)), new RandomStream(0)))
                .hasMessageContaining("(B, C, H, W), got shape (4, 2)");
    }
}
