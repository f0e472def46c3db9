package org.gen4j.evaluation.features;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Objects;
import org.gen4j.core.nn.FrozenForward;
import org.gen4j.core.nn.SeededNormalInitializer;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.engine.HostArrays;

/**
 * The compact CNN classifier gen4j trains as its feature network, for images {@code (C, H, W)}
 * in [-1, 1] with {@code H} and {@code W} divisible by 4.
 *
 * <p>Layers ({@link #ARCHITECTURE}): conv3x3(32)-BN-ReLU, maxpool 2, conv3x3(64)-BN-ReLU,
 * conv3x3(64)-BN-ReLU, maxpool 2, flatten, linear(128)-ReLU (the {@value #FEATURE_SIZE}-wide
 * penultimate <em>features</em>), then linear(classes) giving the logits. Convolutions pad by 1
 * and have no bias (BatchNorm follows). For 28 x 28 images that is 11.4 million multiply-adds
 * and 458,000 parameters (1.8 MB); the single 3x3 convolution at full resolution keeps it cheap
 * on a CPU, where a second one would double the cost for little accuracy in a few epochs.
 * Training applies dropout between the features and the last layer (see {@link
 * ClassifierTrainer}); inference does not.
 *
 * <p>The network is two blocks in one: {@link #features} and {@link #logits} run them separately,
 * so that one inference pass yields both the features and the class probabilities. {@link
 * #block()} holds both, and its parameter file holds every weight and BatchNorm statistic.
 *
 * <p>Not thread-safe.
 */
public final class ClassifierNetwork {

    /** The width of the penultimate feature layer. */
    public static final int FEATURE_SIZE = 128;

    /** A description of the layers, recorded in the provenance and checked when loading. */
    public static final String ARCHITECTURE = "conv3x3(32)-bn-relu-maxpool2-"
            + "conv3x3(64)-bn-relu-conv3x3(64)-bn-relu-maxpool2-flatten-linear(128)-relu-"
            + "[dropout]-linear(classes)";

    private final Shape inputShape;
    private final int classCount;
    private final SequentialBlock features;
    private final Linear head;
    private final SequentialBlock block;

    private ClassifierNetwork(Shape inputShape, int classCount) {
        this.inputShape = inputShape;
        this.classCount = classCount;
        this.features = new SequentialBlock();
        features.add(conv(32)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(conv(64)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                .add(conv(64)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        features.add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(FEATURE_SIZE).build())
                .add(Activation.reluBlock());
        this.head = Linear.builder().setUnits(classCount).build();
        this.block = new SequentialBlock().add(features).add(head);
    }

    /**
     * A new, uninitialised network.
     *
     * @param inputShape the shape of one image, {@code (C, H, W)} with {@code H} and {@code W}
     *     divisible by 4
     * @param classCount the number of classes, &gt;= 2
     * @throws IllegalArgumentException if the shape or the class count is out of range
     */
    public static ClassifierNetwork create(Shape inputShape, int classCount) {
        Objects.requireNonNull(inputShape, "inputShape is null");
        if (inputShape.dimension() != 3 || inputShape.get(0) < 1 || inputShape.get(1) < 4
                || inputShape.get(2) < 4 || inputShape.get(1) % 4 != 0
                || inputShape.get(2) % 4 != 0) {
            throw new IllegalArgumentException("the classifier takes images of shape (C, H, W)"
                    + " with H and W positive multiples of 4, got " + inputShape);
        }
        if (classCount < 2) {
            throw new IllegalArgumentException("classCount must be >= 2, got " + classCount);
        }
        return new ClassifierNetwork(inputShape, classCount);
    }

    /**
     * Initialises the parameters from a seed: every weight from {@code N(0, 2 / fan-in)} (He
     * initialisation; {@code 1 / fan-in} for the last layer) drawn by one {@link RandomStream}, so
     * that the same seed gives the same weights on every engine. Biases and BatchNorm shifts start
     * at 0, BatchNorm scales at 1.
     *
     * @param manager the manager that will own the parameters
     * @param seed the seed of the initial weights
     */
    public void initialize(NDManager manager, long seed) {
        RandomStream stream = RandomStream.derive(seed, "classifier-init");
        long c = inputShape.get(0);
        long flat = 64 * (inputShape.get(1) / 4) * (inputShape.get(2) / 4);
        long[] fanIns = {c * 9, 32 * 9, 64 * 9, flat};
        int k = 0;
        for (Block child : features.getChildren().values()) {
            if (child instanceof Conv2d || child instanceof Linear) {
                setHe(child, stream, fanIns[k++], 2.0);
            }
        }
        setHe(head, stream, FEATURE_SIZE, 1.0);
        block.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(inputShape));
    }

    private static Block conv(int filters) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1)).optBias(false).build();
    }

    private static void setHe(Block b, RandomStream stream, long fanIn, double gain) {
        float std = (float) Math.sqrt(gain / fanIn);
        b.setInitializer(new SeededNormalInitializer(stream, 0f, std), Parameter.Type.WEIGHT);
    }

    /**
     * Initialises the network's shape and loads parameters written by {@link #saveParameters}.
     *
     * @param manager the manager that will own the parameters
     * @param parameters the bytes of a parameter file
     * @throws IllegalArgumentException if the bytes are not this network's parameters (another
     *     architecture, input shape or class count); {@code source} names them in the message
     */
    public void loadParameters(NDManager manager, byte[] parameters, String source) {
        block.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(inputShape));
        try {
            HostArrays.loadParameters(block, manager, parameters);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new IllegalArgumentException(source + " does not hold the parameters of a "
                    + "classifier for images " + inputShape + " and " + classCount + " classes: "
                    + e.getMessage(), e);
        }
    }

    /** The parameters (weights and BatchNorm statistics) in DJL's parameter-file format. */
    public byte[] saveParameters() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write parameters to memory", e);
        }
        return bytes.toByteArray();
    }

    /**
     * The penultimate features of a batch.
     *
     * @param ps the parameter store
     * @param images {@code (N, C, H, W)} in [-1, 1]
     * @param training true to use batch statistics (and update the running ones); on MXNet this
     *     must be true exactly when a gradient collector is recording
     * @return {@code (N, 128)} non-negative features
     */
    public NDArray features(ParameterStore ps, NDArray images, boolean training) {
        return features.forward(ps, new NDList(images), training).singletonOrThrow();
    }

    /**
     * The penultimate features in inference mode through {@link FrozenForward}: the same values
     * as {@link #features} in inference mode, but usable while a gradient collector records, so
     * that a perceptual loss can pass a gradient to the images.
     *
     * @param ps the parameter store
     * @param images {@code (N, C, H, W)} in [-1, 1]
     * @return {@code (N, 128)}
     */
    public NDArray frozenFeatures(ParameterStore ps, NDArray images) {
        return FrozenForward.forward(features, ps, new NDList(images)).singletonOrThrow();
    }

    /**
     * The class logits of a batch of features.
     *
     * @param ps the parameter store
     * @param features {@code (N, 128)} from {@link #features}
     * @param training whether this is a training pass
     * @return {@code (N, classCount)} logits
     */
    public NDArray logits(ParameterStore ps, NDArray features, boolean training) {
        return head.forward(ps, new NDList(features), training).singletonOrThrow();
    }

    /** Both parts, for saving, loading and listing parameters. */
    public Block block() {
        return block;
    }

    /** The shape of one input image, {@code (C, H, W)}. */
    public Shape inputShape() {
        return inputShape;
    }

    /** The number of classes. */
    public int classCount() {
        return classCount;
    }
}
