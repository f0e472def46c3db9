package org.gen4j.engine.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.gen4j.core.model.Discriminator;
import org.gen4j.core.nn.Layers;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Small float64 critics made of plain DJL blocks, with weights drawn from a seed (identical on
 * every engine), their inputs, and the WGAN-GP penalty: what input-gradient route tests share.
 * Nothing here is specific to an engine or a route.
 */
final class Critics {

    /** The leaky ReLU slope of every critic here. */
    static final float SLOPE = 0.2f;

    private Critics() {}

    /** Linear 5 -> 7, leaky ReLU, Linear 7 -> 4, leaky ReLU, Linear 4 -> 1; input {@code (5)}. */
    /** The MLP and the conv critic, named, for parameterized tests. */
    static Stream<Arguments> both() {
        BiFunction<NDManager, Long, Discriminator> mlp = Critics::mlp;
        BiFunction<NDManager, Long, Discriminator> conv = Critics::conv;
        return Stream.of(Arguments.of("mlp", mlp), Arguments.of("conv", conv));
    }

    static Discriminator mlp(NDManager manager, long seed) {
        SequentialBlock block = new SequentialBlock()
                .add(Linear.builder().setUnits(7).build())
                .add(Layers.leakyRelu(SLOPE))
                .add(Linear.builder().setUnits(4).build())
                .add(Layers.leakyRelu(SLOPE))
                .add(Linear.builder().setUnits(1).build());
        return initialize(manager, block, new Shape(5), seed, DataType.FLOAT64);
    }

    /** The {@link #conv(NDManager, long, int, int, int, int)} critic for 2x8x8, 3 and 4 filters. */
    static Discriminator conv(NDManager manager, long seed) {
        return conv(manager, seed, 2, 8, 3, 4);
    }

    /**
     * Conv2d k4 s2 p1 ({@code filters1}), leaky ReLU, Conv2d k4 s2 p1 ({@code filters2}), leaky
     * ReLU, flatten, Linear -> 1; input {@code (channels, size, size)}, size divisible by 4;
     * float64.
     */
    static Discriminator conv(
            NDManager manager, long seed, int channels, int size, int filters1, int filters2) {
        return conv(manager, seed, channels, size, filters1, filters2, DataType.FLOAT64);
    }

    /** The conv critic above with parameters of another floating-point type. */
    static Discriminator conv(NDManager manager, long seed, int channels, int size, int filters1,
            int filters2, DataType type) {
        SequentialBlock block = new SequentialBlock()
                .add(conv4x4(filters1))
                .add(Layers.leakyRelu(SLOPE))
                .add(conv4x4(filters2))
                .add(Layers.leakyRelu(SLOPE))
                .add(Layers.flatten())
                .add(Linear.builder().setUnits(1).build());
        return initialize(manager, block, new Shape(channels, size, size), seed, type);
    }

    /** The MLP critic declared to have BatchNorm, for the checks that refuse such critics. */
    static Discriminator declaredBatchNorm(NDManager manager, long seed) {
        Discriminator mlp = mlp(manager, seed);
        return Discriminator.of(
                mlp.block(), mlp.inputShape(), EnumSet.of(Discriminator.Trait.BATCH_NORM));
    }

    private static Block conv4x4(int filters) {
        return Conv2d.builder()
                .setKernelShape(new Shape(4, 4))
                .optStride(new Shape(2, 2))
                .optPadding(new Shape(1, 1))
                .setFilters(filters)
                .build();
    }

    private static Discriminator initialize(
            NDManager manager, Block block, Shape inputShape, long seed, DataType type) {
        Random random = new Random(seed);
        Initializer gaussian = (m, shape, dataType) ->
                m.create(gaussians(random, shape.size(), 0.5), shape).toType(dataType, false);
        block.setInitializer(gaussian, Parameter.Type.WEIGHT);
        block.setInitializer(gaussian, Parameter.Type.BIAS);
        block.initialize(manager, type, new Shape(1).addAll(inputShape));
        return Discriminator.of(block, inputShape, Set.of());
    }

    /** A float64 batch of standard normal values from {@code seed}. */
    static NDArray input(NDManager manager, Shape shape, long seed) {
        return manager.create(gaussians(new Random(seed), shape.size(), 1.0), shape);
    }

    /** A batch of {@code n} inputs of {@code critic}, standard normal from {@code seed}. */
    static NDArray batch(NDManager manager, Discriminator critic, int n, long seed) {
        return input(manager, new Shape(n).addAll(critic.inputShape()), seed);
    }

    private static double[] gaussians(Random random, long n, double std) {
        double[] values = new double[Math.toIntExact(n)];
        for (int i = 0; i < values.length; i++) {
            values[i] = std * random.nextGaussian();
        }
        return values;
    }

    /** The critic's scores for a batch, in training mode, {@code (N, 1)}. */
    static NDArray scores(Discriminator critic, ParameterStore store, NDArray x) {
        return critic.block().forward(store, new NDList(x), true).head();
    }

    /** {@code sum_i D(x)_i} as a number, in training mode. */
    static double sumOfScores(Discriminator critic, ParameterStore store, NDArray x) {
        try (NDArray total = scores(critic, store, x).sum()) {
            return total.getDouble();
        }
    }

    /**
     * The WGAN-GP penalty {@code mean_i (||g_i|| - 1)^2}, the norm of each sample over all its
     * dimensions.
     *
     * @param g input gradients {@code (N, ...)}
     * @return a scalar
     */
    static NDArray gradientPenalty(NDArray g) {
        long n = g.getShape().get(0);
        NDArray norms = g.reshape(n, -1).square().sum(new int[] {1}).sqrt();
        return norms.sub(1).square().mean();
    }
}
