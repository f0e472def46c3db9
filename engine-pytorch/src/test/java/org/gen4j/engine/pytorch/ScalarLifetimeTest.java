package org.gen4j.engine.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.gen4j.core.engine.Scalars;
import org.junit.jupiter.api.Test;

/**
 * Arithmetic with a Java number keeps its gradient when the garbage collector runs between the
 * forward and the backward pass. DJL's own {@code x.mul(3f)} on this engine does not: its scalar
 * lives in a Java direct buffer that DJL drops at once, so after a collection the backward pass
 * reads freed memory (here refilled with {@code 1e30}). {@link Scalars} must give the closed-form
 * gradients under the same churn.
 */
class ScalarLifetimeTest {

    private static final float[] X = {0.5f, 1.5f, 2f, 3f};

    @Test
    void scalarArithmeticGradientsSurviveACollectionBeforeTheBackwardPass() throws Exception {
        // The control: if DJL's own product survives the churn, the churn did not reuse the freed
        // buffer on this machine and the check below would prove nothing.
        float[] control = gradient(x -> x.mul(3f));
        assumeTrue(control[0] != 3f, "the churn did not reproduce DJL's freed scalar here");

        assertThat(gradient(x -> Scalars.mul(x, 3f))).containsOnly(3f);
        assertThat(gradient(x -> Scalars.div(x, 4f))).containsOnly(0.25f);
        float[] square = gradient(x -> Scalars.pow(x, 2f));
        for (int i = 0; i < X.length; i++) {
            assertThat(square[i]).isEqualTo(2 * X[i]);
        }
        // max(x, 1.75) passes the gradient where x > 1.75; min(x, 1.75) where x < 1.75.
        assertThat(gradient(x -> Scalars.maximum(x, 1.75f))).containsExactly(0f, 0f, 1f, 1f);
        assertThat(gradient(x -> Scalars.minimum(x, 1.75f))).containsExactly(1f, 1f, 0f, 0f);
    }

    @Test
    void aFloat64ScalarKeepsItsDoublePrecision() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new double[] {1.0, 3.0});
            // 1 - 0.2f in double is 0.7999999970197678, which no float holds (0.8f is 0.800000012).
            double c = 1.0 - 0.2f;
            assertThat(Scalars.mul(x, c).toDoubleArray()).containsExactly(c, 3 * c);
            assertThat(Scalars.div(x, c).toDoubleArray()).containsExactly(1 / c, 3 / c);
        }
    }

    /** The gradient of {@code sum(f(x))}, with collections and buffer churn before backward. */
    private static float[] gradient(UnaryOperator<NDArray> f) throws InterruptedException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(X, new Shape(X.length)).duplicate();
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = f.apply(x).sum();
                churn();
                gc.backward(y);
            }
            return x.getGradient().toFloatArray();
        }
    }

    /** Collects garbage and refills small native allocations with 1e30. */
    private static void churn() throws InterruptedException {
        List<ByteBuffer> keep = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
            for (int k = 0; k < 1000; k++) {
                ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
                b.putFloat(0, 1e30f);
                keep.add(b);
            }
        }
    }
}
