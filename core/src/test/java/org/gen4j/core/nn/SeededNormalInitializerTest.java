package org.gen4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.gen4j.core.random.RandomStream;
import org.junit.jupiter.api.Test;

class SeededNormalInitializerTest {

    @Test
    void drawsTheStreamsGaussiansInRowMajorOrder() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a =
                    new SeededNormalInitializer(42, 0.5f, 0.02f)
                            .initialize(manager, new Shape(2, 3), DataType.FLOAT32);
            RandomStream reference = new RandomStream(42);
            float[] expected = new float[6];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = (float) (0.5f + 0.02f * reference.nextGaussian());
            }
            assertThat(a.getShape()).isEqualTo(new Shape(2, 3));
            assertThat(a.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(a.toFloatArray()).containsExactly(expected);
        }
    }

    @Test
    void sameSeedSameWeightsAndPlausibleMoments() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(100, 100);
            float[] a =
                    new SeededNormalInitializer(3, 0f, 0.02f)
                            .initialize(manager, shape, DataType.FLOAT32)
                            .toFloatArray();
            float[] b =
                    new SeededNormalInitializer(3, 0f, 0.02f)
                            .initialize(manager, shape, DataType.FLOAT32)
                            .toFloatArray();
            assertThat(a).containsExactly(b);
            double sum = 0;
            double sq = 0;
            for (float v : a) {
                sum += v;
                sq += v * v;
            }
            double mean = sum / a.length;
            double std = Math.sqrt(sq / a.length - mean * mean);
            assertThat(mean).isBetween(-0.001, 0.001);
            assertThat(std).isBetween(0.019, 0.021);
        }
    }

    @Test
    void rejectsNegativeStd() {
        assertThatThrownBy(() -> new SeededNormalInitializer(1, 0f, -1f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("std must be finite and >= 0, got -1.0");
    }
}
