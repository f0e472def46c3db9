package org.gen4j.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/** Seeded test inputs. */
public final class TestArrays {

    private TestArrays() {}

    /**
     * Standard normal values of a shape, the same for the same seed on every engine.
     *
     * @param manager where the array is created
     * @param shape its shape
     * @param seed the seed of {@link Random}
     * @return a float32 array
     */
    public static NDArray gaussian(NDManager manager, Shape shape, long seed) {
        Random r = new Random(seed);
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return manager.create(v, shape);
    }
}
