package org.gen4j.engine.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.gen4j.core.optim.AdamKernel;
import org.gen4j.testing.TestArrays;
import org.junit.jupiter.api.Test;

/**
 * The PyTorch Adam kernel computes DJL's {@code adamUpdate} to the bit over several steps, with
 * and without weight decay, and leaves every gradient zero.
 */
class PtAdamKernelTest {

    @Test
    void itMatchesDjlsAdamUpdateBitForBit() {
        for (float decay : new float[] {0f, 0.01f}) {
            try (NDManager m = NDManager.newBaseManager()) {
                Shape[] shapes = {new Shape(3, 4), new Shape(7), new Shape(2, 3, 5)};
                List<NDArray> w1 = new ArrayList<>();
                List<NDArray> w2 = new ArrayList<>();
                List<NDArray> m1 = new ArrayList<>();
                List<NDArray> m2 = new ArrayList<>();
                List<NDArray> v1 = new ArrayList<>();
                List<NDArray> v2 = new ArrayList<>();
                for (int i = 0; i < shapes.length; i++) {
                    NDArray w = TestArrays.gaussian(m, shapes[i], 10 + i);
                    w1.add(w.duplicate());
                    w2.add(w.duplicate());
                    m1.add(m.zeros(shapes[i]));
                    m2.add(m.zeros(shapes[i]));
                    v1.add(m.zeros(shapes[i]));
                    v2.add(m.zeros(shapes[i]));
                }
                float beta1 = 0.5f;
                float beta2 = 0.999f;
                float eps = 1e-8f;
                for (int t = 1; t <= 4; t++) {
                    float step = (float) (2e-4 * Math.sqrt(1 - Math.pow(beta2, t))
                            / (1 - Math.pow(beta1, t)));
                    List<NDArray> g2 = new ArrayList<>();
                    for (int i = 0; i < shapes.length; i++) {
                        NDArray g = TestArrays.gaussian(m, shapes[i], 100 * t + i);
                        w1.get(i).getNDArrayInternal().adamUpdate(
                                new NDList(w1.get(i), g, m1.get(i), v1.get(i)),
                                new NDList(w1.get(i)), 2e-4f, step, decay, 1f, -1f, beta1,
                                beta2, eps, false, false);
                        g2.add(g.duplicate());
                    }
                    new PtAdamKernel().step(w2, g2, m2, v2,
                            new AdamKernel.Hyper(beta1, beta2, eps, step, decay));
                    for (int i = 0; i < shapes.length; i++) {
                        assertThat(w2.get(i).toFloatArray()).as("weight %d at step %d", i, t)
                                .containsExactly(w1.get(i).toFloatArray());
                        assertThat(m2.get(i).toFloatArray()).containsExactly(
                                m1.get(i).toFloatArray());
                        assertThat(v2.get(i).toFloatArray()).containsExactly(
                                v1.get(i).toFloatArray());
                        assertThat(g2.get(i).toFloatArray()).containsOnly(0f);
                    }
                }
                // The update moved the weights: the comparison is not of untouched arrays.
                assertThat(w2.get(0).toFloatArray()).isNotEqualTo(
                        TestArrays.gaussian(m, shapes[0], 10).toFloatArray());
            }
        }
    }
}
