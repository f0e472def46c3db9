package org.gen4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.Objects;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.engine.HostArrays;

/**
 * DJL's default weight initialisation, Xavier uniform over the average fan with magnitude 6
 * ({@code U(-a, a)}, {@code a = sqrt(6 / ((fanIn + fanOut) / 2))}, fans as DJL counts them), drawn
 * by a {@link RandomStream} instead of the engine's generator: the same seed then gives the same
 * weights in every run, in every JVM and on every engine.
 */
public final class SeededXavierInitializer implements Initializer {

    private final RandomStream stream;

    /** An initialiser that draws from (and advances) {@code stream}. */
    public SeededXavierInitializer(RandomStream stream) {
        this.stream = Objects.requireNonNull(stream, "stream is null");
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        if (shape.dimension() < 2) {
            throw new IllegalArgumentException("Xavier initialisation needs a weight of at least"
                    + " 2 dimensions, got " + shape);
        }
        double hw = shape.dimension() == 2 ? 1 : shape.slice(2).size();
        double fanIn = shape.get(1) * hw;
        double fanOut = shape.get(0) * hw;
        double a = Math.sqrt(6 / ((fanIn + fanOut) / 2));
        int size = Math.toIntExact(shape.size());
        float[] values = new float[size];
        synchronized (stream) {
            for (int i = 0; i < size; i++) {
                values[i] = (float) (a * (2 * stream.nextDouble() - 1));
            }
        }
        NDArray array = HostArrays.create(manager, values, shape);
        if (dataType == null || dataType == DataType.FLOAT32) {
            return array;
        }
        NDArray converted = array.toType(dataType, false);
        if (converted != array) {
            array.close();
        }
        return converted;
    }
}
