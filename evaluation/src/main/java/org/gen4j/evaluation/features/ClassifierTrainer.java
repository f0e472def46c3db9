package org.gen4j.evaluation.features;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.gen4j.core.data.SampleSet;
import org.gen4j.core.loss.LogitFunctions;
import org.gen4j.core.optim.NamedParameter;
import org.gen4j.core.optim.Optimizer;
import org.gen4j.core.optim.OptimizerSpec;
import org.gen4j.core.optim.Optimizers;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.engine.HostArrays;

/**
 * Trains a {@link ClassifierNetwork} with softmax cross-entropy and Adam, one mini-batch at a
 * time, reproducibly: the initial weights, the dropout masks and the augmentation come from
 * {@link RandomStream}s derived from the seed (not from the engine's generator), and the data
 * order from {@link org.gen4j.core.data.BatchLoader} with the same seed.
 *
 * <p>Each step's arrays live in a sub-manager closed at the end of the step, so the number of
 * arrays stays constant over a run. The learning rate follows a cosine schedule by epoch (see
 * {@link Settings#learningRate}); Adam's moments carry over from one epoch to the next.
 *
 * <p>Not thread-safe.
 */
public final class ClassifierTrainer implements AutoCloseable {

    /**
     * What to train with.
     *
     * @param seed the seed of the initial weights, the data order, the dropout masks and the
     *     augmentation
     * @param epochs the number of passes over the training set, &gt;= 1
     * @param batchSize images per update, &gt;= 1
     * @param lr Adam's learning rate in the first epoch, in (0, 1]
     * @param lrFinal the learning rate the cosine schedule ends at, in [0, lr]
     * @param dropout the probability of dropping a feature before the last layer, in [0, 1)
     * @param flip whether to mirror each training image left-right with probability 1/2
     */
    public record Settings(long seed, int epochs, int batchSize, double lr, double lrFinal,
            double dropout, boolean flip) {

        /** The settings the shipped Fashion-MNIST classifier was trained with, but the epochs. */
        public static Settings defaults(int epochs, long seed) {
            return new Settings(seed, epochs, 64, 1e-3, 1e-5, 0.3, true);
        }

        /** Checks every value. */
        public Settings {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
            }
            if (!(lr > 0 && lr <= 1)) {
                throw new IllegalArgumentException("lr must be in (0, 1], got " + lr);
            }
            if (!(lrFinal >= 0 && lrFinal <= lr)) {
                throw new IllegalArgumentException("final lr must be in [0, lr = " + lr
                        + "], got " + lrFinal);
            }
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
            }
        }

        /**
         * The learning rate of an epoch: {@code lrFinal + (lr - lrFinal) (1 + cos(pi e / E)) / 2}
         * for epoch {@code e} of {@code E}, so the first epoch runs at {@code lr}.
         *
         * @param epoch the epoch, from 0
         */
        public double learningRate(int epoch) {
            return lrFinal + (lr - lrFinal) * (1 + Math.cos(Math.PI * epoch / epochs)) / 2;
        }
    }

    /**
     * The result of evaluating on a labelled set.
     *
     * @param accuracy the fraction of images whose most probable class is their label
     * @param loss the mean cross-entropy
     * @param count the number of images
     */
    public record Evaluation(double accuracy, double loss, int count) {}

    private final ClassifierNetwork network;
    private final Settings settings;
    private final NDManager root;
    private final ParameterStore parameterStore;
    private final List<NamedParameter> parameters;
    private final List<NamedParameter> statistics;
    private final RandomStream dropoutStream;
    private final RandomStream flipStream;
    private final Shape imageShape;
    private final int imageSize;
    private Optimizer optimizer;
    private int epoch = -1;
    private long steps;

    /**
     * A trainer with freshly initialised weights.
     *
     * @param settings what to train with
     * @param inputShape the shape of one image, {@code (C, H, W)}
     * @param classCount the number of classes
     * @param manager the manager under which the trainer makes its own
     */
    public ClassifierTrainer(Settings settings, Shape inputShape, int classCount,
            NDManager manager) {
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.network = ClassifierNetwork.create(inputShape, classCount);
        this.root = manager.newSubManager();
        network.initialize(root, settings.seed());
        this.parameterStore = new ParameterStore(root, false);
        this.parameters = NamedParameter.trainable(network.block());
        this.statistics = new ArrayList<>();
        for (Pair<String, Parameter> p : network.block().getParameters()) {
            Parameter.Type type = p.getValue().getType();
            if (type == Parameter.Type.RUNNING_MEAN || type == Parameter.Type.RUNNING_VAR) {
                statistics.add(new NamedParameter(p.getKey(), p.getValue()));
            }
        }
        this.dropoutStream = RandomStream.derive(settings.seed(), "classifier-dropout");
        this.flipStream = RandomStream.derive(settings.seed(), "classifier-flip");
        this.imageShape = inputShape;
        this.imageSize = Math.toIntExact(inputShape.size());
        startEpoch(0);
    }

    /**
     * Sets the learning rate for an epoch; Adam's moments and step count carry over. Call it at
     * the start of each epoch after the first.
     *
     * @param e the epoch, from 0
     */
    public void startEpoch(int e) {
        if (e == epoch) {
            return;
        }
        Optimizer next = Optimizers.create(OptimizerSpec.adam(settings.learningRate(e), 0.9,
                0.999));
        if (optimizer != null) {
            // Core's Adam has a fixed rate: hand its state to a new one with the epoch's rate.
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (DataOutputStream out = new DataOutputStream(bytes)) {
                    optimizer.save(out);
                }
                next.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())),
                        parameters);
            } catch (IOException ex) {
                next.close();
                throw new UncheckedIOException("cannot carry Adam's state over", ex);
            }
            optimizer.close();
        }
        optimizer = next;
        epoch = e;
    }

    /**
     * One update on a mini-batch.
     *
     * @param images {@code n * C * H * W} pixels in [-1, 1], image after image
     * @param labels the class of each image, in [0, classCount)
     * @return the batch's mean cross-entropy before the update
     * @throws IllegalArgumentException if the sizes do not match or a label is out of range
     * @throws IllegalStateException if the loss is not finite
     */
    public float step(float[] images, int[] labels) {
        int n = labels.length;
        if (n == 0 || images.length != (long) n * imageSize) {
            throw new IllegalArgumentException("a batch of " + n + " labels needs " + n + " x "
                    + imageSize + " pixels, got " + images.length);
        }
        float[] x = settings.flip() ? flipped(images, n) : images;
        float value;
        try (NDManager sm = root.newSubManager()) {
            NDArray input = HostArrays.create(sm, x, new Shape(n).addAll(imageShape));
            checkLabels(labels);
            NDArray target = HostArrays.create(sm, labels);
            NDArray mask = settings.dropout() > 0 ? dropoutMask(sm, n) : null;
            NDArray loss;
            // MXNet's BatchNorm must run in training mode exactly while autograd records.
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray f = network.features(parameterStore, input, true);
                if (mask != null) {
                    f = f.mul(mask);
                }
                NDArray logits = network.logits(parameterStore, f, true);
                loss = LogitFunctions.softmaxCrossEntropy(logits, target);
                gc.backward(loss);
            }
            optimizer.step(parameters);
            value = loss.getFloat();
            settle();
        }
        steps++;
        if (!Float.isFinite(value)) {
            throw new IllegalStateException("the classifier's loss is " + value + " at step "
                    + steps + "; lower the learning rate");
        }
        return value;
    }

    /**
     * Waits until the step's updates are done, and checks the BatchNorm statistics.
     *
     * <p>MXNet runs operators asynchronously: reading the loss waits for the forward pass only.
     * Reading every updated parameter waits for the backward pass and the optimizer too, before
     * the step's arrays are freed. The running statistics are checked because the loss cannot
     * show them (training mode does not use them): in one MXNet run on a busy machine the first
     * BatchNorm's running variance became infinite mid-run while the loss stayed normal, and
     * only the test accuracy (10%) gave it away; the rerun with the same seed was clean.
     */
    private void settle() {
        for (NamedParameter p : parameters) {
            p.parameter().getArray().toFloatArray();
        }
        for (NamedParameter p : statistics) {
            for (float v : p.parameter().getArray().toFloatArray()) {
                if (!Float.isFinite(v)) {
                    throw new IllegalStateException("the BatchNorm statistics " + p.name()
                            + " became " + v + " at step " + (steps + 1) + " while the loss"
                            + " stayed finite: the engine corrupted them; run again (on a busy"
                            + " CPU with OMP_NUM_THREADS=1)");
                }
            }
        }
    }

    private void checkLabels(int[] labels) {
        int k = network.classCount();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= k) {
                throw new IllegalArgumentException("label " + labels[i] + " of image " + i
                        + " is outside [0, " + k + ")");
            }
        }
    }

    private NDArray dropoutMask(NDManager sm, int n) {
        float keep = (float) (1 - settings.dropout());
        float[] m = new float[n * ClassifierNetwork.FEATURE_SIZE];
        for (int i = 0; i < m.length; i++) {
            m[i] = dropoutStream.nextFloat() < keep ? 1f / keep : 0f;
        }
        return HostArrays.create(sm, m, new Shape(n, ClassifierNetwork.FEATURE_SIZE));
    }

    private float[] flipped(float[] images, int n) {
        float[] out = images.clone();
        int rows = Math.toIntExact(imageShape.get(0) * imageShape.get(1));
        int cols = Math.toIntExact(imageShape.get(2));
        for (int i = 0; i < n; i++) {
            if (flipStream.nextInt(2) == 0) {
                continue;
            }
            for (int r = 0; r < rows; r++) {
                int base = i * imageSize + r * cols;
                for (int c = 0; c < cols; c++) {
                    out[base + c] = images[base + cols - 1 - c];
                }
            }
        }
        return out;
    }

    /**
     * Evaluates on a labelled set in inference mode (BatchNorm uses its running statistics).
     *
     * @param data the images and labels
     * @param batch images per forward pass
     */
    public Evaluation evaluate(SampleSet data, int batch) {
        return evaluate(network, parameterStore, root, data, batch);
    }

    /** Evaluates any classifier network; see {@link #evaluate(SampleSet, int)}. */
    static Evaluation evaluate(ClassifierNetwork network, ParameterStore ps, NDManager manager,
            SampleSet data, int batch) {
        if (!data.hasLabels()) {
            throw new IllegalArgumentException(data.description() + " has no labels");
        }
        int n = data.size();
        int per = Math.toIntExact(network.inputShape().size());
        int k = network.classCount();
        int correct = 0;
        double loss = 0;
        for (int start = 0; start < n; start += batch) {
            int count = Math.min(batch, n - start);
            float[] x = new float[count * per];
            for (int i = 0; i < count; i++) {
                data.copySample(start + i, x, i * per);
            }
            float[] logits;
            try (NDManager sm = manager.newSubManager()) {
                NDArray input = HostArrays.create(sm,
                        x, new Shape(count).addAll(network.inputShape()));
                logits = network.logits(ps, network.features(ps, input, false), false)
                        .toFloatArray();
            }
            for (int i = 0; i < count; i++) {
                int label = data.label(start + i);
                double[] p = Softmax.probabilities(logits, i * k, k);
                int best = 0;
                for (int j = 1; j < k; j++) {
                    if (p[j] > p[best]) {
                        best = j;
                    }
                }
                if (best == label) {
                    correct++;
                }
                loss -= Math.log(Math.max(p[label], Double.MIN_NORMAL));
            }
        }
        return new Evaluation((double) correct / n, loss / n, n);
    }

    /** The network being trained. */
    public ClassifierNetwork network() {
        return network;
    }

    /** The settings. */
    public Settings settings() {
        return settings;
    }

    /** The number of updates so far. */
    public long stepCount() {
        return steps;
    }

    /** The manager owning the parameters and the optimizer state; for tests of the array count. */
    public NDManager manager() {
        return root;
    }

    /** The trained parameters, in DJL's parameter-file format. */
    public byte[] saveParameters() {
        return network.saveParameters();
    }

    @Override
    public void close() {
        if (optimizer != null) {
            optimizer.close();
        }
        root.close();
    }
}
