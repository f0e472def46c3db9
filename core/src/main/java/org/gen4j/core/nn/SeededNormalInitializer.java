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
 * Initialises parameters with values drawn from {@code N(mean, std^2)} by a {@link RandomStream},
 * so that the same seed gives the same initial weights on every engine (DJL's own {@code
 * NormalInitializer} uses the engine's generator, which differs between MXNet and PyTorch).
 *
 * <p>Values are drawn in row-major order. The stream advances with every parameter it
 * initialises, so the weights depend on the order in which the parameters are initialised, which
 * DJL keeps fixed for a given block. DCGAN initialises convolutions with {@code N(0, 0.02^2)}.
 * Thread-safe: draws are serialised.
 */
public final class SeededNormalInitializer implements Initializer {

    private final RandomStream stream;
    private final float mean;
    private final float std;

    /**
     * An initialiser that draws from the given stream.
     *
     * @param stream the stream to draw from; it is advanced by every call
     * @param mean the mean of the normal distribution, finite
     * @param std the standard deviation, finite and {@code >= 0}
     * @throws IllegalArgumentException if {@code mean} or {@code std} is out of range
     */
    public SeededNormalInitializer(RandomStream stream, float mean, float std) {
        this.stream = Objects.requireNonNull(stream, "stream is null");
        if (!Float.isFinite(mean)) {
            throw new IllegalArgumentException("mean must be finite, got " + mean);
        }
        if (!(std >= 0) || !Float.isFinite(std)) {
            throw new IllegalArgumentException("std must be finite and >= 0, got " + std);
        }
        this.mean = mean;
        this.std = std;
    }

    /**
     * An initialiser with its own stream seeded by {@code seed}.
     *
     * @param seed the seed of a new {@link RandomStream}
     * @param mean the mean of the normal distribution, finite
     * @param std the standard deviation, finite and {@code >= 0}
     * @throws IllegalArgumentException if {@code mean} or {@code std} is out of range
     */
    public SeededNormalInitializer(long seed, float mean, float std) {
        this(new RandomStream(seed), mean, std);
    }

    /**
     * The mean of the distribution.
     *
     * @return the mean
     */
    public float getMean() {
        return mean;
    }

    /**
     * The standard deviation of the distribution.
     *
     * @return the standard deviation
     */
    public float getStd() {
        return std;
    }

    /**
     * Draws {@code shape.size()} values and returns them as an array in {@code manager}.
     *
     * @param manager the manager of the new array
     * @param shape the shape of the parameter
     * @param dataType the data type; {@code FLOAT64} keeps double precision, any other type is
     *     drawn as {@code FLOAT32} and converted
     * @return a new array of the given shape and type
     */
    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        Objects.requireNonNull(manager, "manager is null");
        Objects.requireNonNull(shape, "shape is null");
        int size = Math.toIntExact(shape.size());
        synchronized (stream) {
            if (dataType == DataType.FLOAT64) {
                double[] values = new double[size];
                for (int i = 0; i < size; i++) {
                    values[i] = mean + std * stream.nextGaussian();
                }
                return HostArrays.create(manager, values, shape);
            }
            float[] values = new float[size];
            for (int i = 0; i < size; i++) {
                values[i] = (float) (mean + std * stream.nextGaussian());
            }
            NDArray array = HostArrays.create(manager, values, shape);
            if (dataType == DataType.FLOAT32 || dataType == null) {
                return array;
            }
            NDArray converted = array.toType(dataType, false);
            if (converted != array) {
                array.close();
            }
            return converted;
        }
    }
}
