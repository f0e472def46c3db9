package org.gen4j.core.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.gen4j.core.random.RandomStream;
import org.gen4j.testing.BaseManager;
import org.gen4j.testing.NDAssert;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link PhaseInterleave} against the index formula it documents, value and gradient. */
class PhaseInterleaveTest {

    @BaseManager private NDManager manager;

    @ParameterizedTest(name = "strides {0}x{1}")
    @CsvSource({"2, 2", "3, 3", "1, 2", "2, 1", "1, 1"})
    void placesEveryPhaseAndRoutesItsGradientBack(int sH, int sW) {
        int n = 2;
        int c = 3;
        int h = 4;
        int w = 5;
        Shape inShape = new Shape(n, (long) sH * sW * c, h, w);
        Shape outShape = new Shape(n, c, (long) sH * h, (long) sW * w);
        RandomStream rng = new RandomStream(sH * 31L + sW);
        float[] in = new float[(int) inShape.size()];
        float[] r = new float[(int) outShape.size()];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) rng.nextGaussian();
        }
        // out[b, k, sH i + a, sW j + e] = in[b, (a sW + e) c + k, i, j]; the gradient of
        // sum(out * r) is r read back through the same map.
        float[] expected = new float[r.length];
        float[] grad = new float[in.length];
        for (int b = 0; b < n; b++) {
            for (int a = 0; a < sH; a++) {
                for (int e = 0; e < sW; e++) {
                    for (int k = 0; k < c; k++) {
                        for (int i = 0; i < h; i++) {
                            for (int j = 0; j < w; j++) {
                                int src = ((b * sH * sW * c + (a * sW + e) * c + k) * h + i) * w
                                        + j;
                                int dst = ((b * c + k) * sH * h + sH * i + a) * sW * w + sW * j
                                        + e;
                                expected[dst] = in[src];
                                grad[src] = r[dst];
                            }
                        }
                    }
                }
            }
        }
        NDArray x = manager.create(in, inShape);
        x.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = PhaseInterleave.toSpace(x, sH, sW);
            NDAssert.assertAllClose(y, expected, outShape, 0, 0);
            gc.backward(y.mul(manager.create(r, outShape)).sum());
        }
        NDAssert.assertAllClose(x.getGradient(), grad, inShape, 0, 0);
    }
}
