package org.gen4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.gen4j.testing.BaseManager;
import org.junit.jupiter.api.Test;

class NDAssertTest {

    @BaseManager private NDManager manager;

    @Test
    void passesWithinTolerance() {
        NDArray a = manager.create(new float[] {1f, 2f, 3f, 4f}, new Shape(2, 2));
        NDArray b = manager.create(new float[] {1f, 2.0001f, 3f, 4f}, new Shape(2, 2));
        assertThatCode(() -> NDAssert.assertAllClose(a, b, 1e-4, 0)).doesNotThrowAnyException();
        assertThatCode(
                        () ->
                                NDAssert.assertAllClose(
                                        a, new double[] {1, 2, 3, 4}, new Shape(2, 2), 0, 0))
                .doesNotThrowAnyException();
    }

    @Test
    void failsOnShapeMismatchBeforeValues() {
        NDArray a = manager.create(new float[] {1f, 2f, 3f, 4f}, new Shape(2, 2));
        NDArray b = manager.create(new float[] {1f, 2f, 3f, 4f}, new Shape(4));
        assertThatThrownBy(() -> NDAssert.assertAllClose(a, b, 1e-4, 1e-6))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("shape mismatch")
                .hasMessageContaining("(4)")
                .hasMessageContaining("(2, 2)");
    }

    @Test
    void failsOnValueOutOfToleranceAndNamesWorstElement() {
        NDArray a = manager.create(new float[] {1f, 2f, 3f, 4f, 5f, 6f}, new Shape(1, 2, 3));
        float[] expected = {1f, 2.01f, 3f, 4f, 5.5f, 6f};
        assertThatThrownBy(() -> NDAssert.assertAllClose(a, expected, new Shape(1, 2, 3), 1e-3, 0))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("2 of 6 elements not close")
                .hasMessageContaining("index [0, 1, 1]")
                .hasMessageContaining("actual 5.0")
                .hasMessageContaining("expected 5.5");
    }

    @Test
    void absoluteToleranceCoversValuesNearZero() {
        NDArray a = manager.create(new float[] {1e-7f, -1e-7f});
        assertThatCode(() -> NDAssert.assertAllClose(a, new float[] {0, 0}, new Shape(2), 0, 1e-6))
                .doesNotThrowAnyException();
        assertThatThrownBy(
                        () -> NDAssert.assertAllClose(a, new float[] {0, 0}, new Shape(2), 0.5, 0))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void nanFails() {
        NDArray a = manager.create(new float[] {Float.NaN, 1f});
        assertThatThrownBy(
                        () -> NDAssert.assertAllClose(a, new float[] {0, 1}, new Shape(2), 1, 1))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("NaN");
    }

    @Test
    void rejectsExpectedValuesThatDoNotFillTheShape() {
        NDArray a = manager.create(new float[] {1f, 2f});
        assertThatThrownBy(
                        () -> NDAssert.assertAllClose(a, new float[] {1, 2}, new Shape(3), 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expectedShape (3) has 3");
    }

    @Test
    void unravelIsRowMajor() {
        assertThat(NDAssert.unravel(5, new Shape(2, 3))).containsExactly(1, 2);
        assertThat(NDAssert.unravel(0, new Shape())).isEmpty();
    }

    @Test
    void engineNameIsKnown() {
        assertThat(Engines.current()).isIn(Engines.MXNET, Engines.PYTORCH);
        assertThat(Engines.isMxnet()).isNotEqualTo(Engines.isPyTorch());
    }
}
