package org.gen4j.evaluation.features;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import org.gen4j.evaluation.report.Sha256;
import org.gen4j.core.engine.HostArrays;

/**
 * The feature network gen4j ships for Fashion-MNIST: a {@link ClassifierNetwork} trained by gen4j
 * itself ({@code gen4j train-classifier}) on the 60,000 training images, with its weights and
 * {@link ClassifierProvenance} as resources of this package. Its 128 penultimate features serve
 * FID, KID and precision/recall; its class probabilities serve the classifier score and the
 * accuracy of conditional samples.
 *
 * <p>{@link #load()} gives the shipped network, {@value #ID}; {@link #load(Path)} gives a network
 * of the same kind trained by {@code gen4j train-classifier} on other data (MNIST, for example),
 * from its {@code .params} file and the {@code .json} beside it. Both check the SHA-256 of the
 * weights against the provenance before use. For other architectures, implement {@link
 * FeatureNetwork}.
 *
 * <p>Inference runs in batches of {@value #BATCH} images, in inference mode (BatchNorm uses its
 * running statistics, dropout is off), so results do not depend on how the images are batched
 * beyond float rounding. Calls are serialised; close the network to free its parameters.
 */
public final class FashionMnistClassifier implements FeatureNetwork {

    /** The identifier of the shipped network. */
    public static final String ID = "fashion-mnist-classifier";

    /** The class path folder of the shipped weights and provenance. */
    public static final String RESOURCE_FOLDER = "/org/gen4j/evaluation/features/";

    /** Images per forward pass. */
    public static final int BATCH = 500;

    private final ClassifierProvenance provenance;
    private final ClassifierNetwork network;
    private final NDManager manager;
    private final ParameterStore parameterStore;
    private final Shape inputShape;
    private final int imageSize;
    private final String description;
    private boolean closed;

    private FashionMnistClassifier(ClassifierProvenance provenance, byte[] weights,
            String source) {
        this.provenance = provenance;
        String actual = Sha256.ofBytes(weights);
        if (!actual.equals(provenance.weightsSha256())) {
            throw new IllegalArgumentException("the weights " + source + " have SHA-256 "
                    + actual + " but their provenance records " + provenance.weightsSha256()
                    + ": the file was changed or belongs to another training run; retrain with"
                    + " gen4j train-classifier or restore the matching pair");
        }
        if (!ClassifierNetwork.ARCHITECTURE.equals(provenance.architecture())) {
            throw new IllegalArgumentException(source + " is a '" + provenance.architecture()
                    + "' network; this gen4j loads '" + ClassifierNetwork.ARCHITECTURE + "'");
        }
        if (provenance.featureSize() != ClassifierNetwork.FEATURE_SIZE) {
            throw new IllegalArgumentException(source + " has " + provenance.featureSize()
                    + " features; this gen4j's classifier has " + ClassifierNetwork.FEATURE_SIZE);
        }
        this.inputShape = new Shape(provenance.inputShape());
        this.network = ClassifierNetwork.create(inputShape, provenance.classCount());
        this.imageSize = Math.toIntExact(inputShape.size());
        this.description = "the feature network " + provenance.id();
        this.manager = NDManager.newBaseManager();
        try {
            network.loadParameters(manager, weights, source);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        this.parameterStore = new ParameterStore(manager, false);
    }

    /**
     * Loads the shipped Fashion-MNIST classifier.
     *
     * @throws IllegalStateException if the resources are missing or do not match (a broken jar)
     */
    public static FashionMnistClassifier load() {
        String json = RESOURCE_FOLDER + ID + ".json";
        ClassifierProvenance p;
        try (InputStream in = resource(json)) {
            p = ClassifierProvenance.read(in, json);
        } catch (IOException e) {
            throw new UncheckedIOException(json + ": cannot read", e);
        }
        String params = RESOURCE_FOLDER + p.weightsFile();
        byte[] weights;
        try (InputStream in = resource(params)) {
            weights = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(params + ": cannot read", e);
        }
        try {
            return new FashionMnistClassifier(p, weights, "resource " + params);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the gen4j-evaluation jar is broken: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Loads a classifier written by {@code gen4j train-classifier}: its parameter file and the
     * provenance {@code .json} of the same name beside it.
     *
     * @param weightsFile the {@code ID.params} file
     * @throws IllegalArgumentException if a file is missing or unreadable, the hash does not match
     *     the provenance, or the parameters are not of this architecture
     */
    public static FashionMnistClassifier load(Path weightsFile) {
        Objects.requireNonNull(weightsFile, "weightsFile is null");
        String name = weightsFile.getFileName().toString();
        String base = name.endsWith(".params") ? name.substring(0, name.length() - 7) : name;
        Path json = weightsFile.resolveSibling(base + ".json");
        ClassifierProvenance p;
        byte[] weights;
        try (InputStream in = Files.newInputStream(json)) {
            p = ClassifierProvenance.read(in, json.toString());
            weights = Files.readAllBytes(weightsFile);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(e.getFile() + " does not exist; a classifier is"
                    + " a pair of files ID.params and ID.json, as gen4j train-classifier writes",
                    e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the classifier " + weightsFile + ": "
                    + e.getMessage(), e);
        }
        return new FashionMnistClassifier(p, weights, weightsFile.toString());
    }

    private static InputStream resource(String name) {
        InputStream in = FashionMnistClassifier.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + ": resource missing from the class path; the "
                    + "gen4j-evaluation jar is incomplete");
        }
        return in;
    }

    @Override
    public String id() {
        return provenance.id();
    }

    @Override
    public String weightsSha256() {
        return provenance.weightsSha256();
    }

    @Override
    public Shape inputShape() {
        return inputShape;
    }

    @Override
    public int featureSize() {
        return ClassifierNetwork.FEATURE_SIZE;
    }

    @Override
    public int classCount() {
        return provenance.classCount();
    }

    /** Where the weights come from: data, settings, seed, engine and test accuracy. */
    public ClassifierProvenance provenance() {
        return provenance;
    }

    /**
     * Runs the network on a batch given with its shape, so that a wrong image size is reported
     * as a shape.
     *
     * @param images pixels in [-1, 1], row-major
     * @param shape {@code (N, C, H, W)}
     * @throws IllegalArgumentException if the shape is not {@code (N, }{@link #inputShape}{@code
     *     )} or does not match the array
     */
    public Outputs apply(float[] images, Shape shape) {
        Objects.requireNonNull(shape, "shape is null");
        if (shape.dimension() != 4 || !shape.slice(1).equals(inputShape)) {
            throw new IllegalArgumentException(description + " takes images of shape "
                    + inputShape + ", got " + (shape.dimension() == 4 ? shape.slice(1)
                    : "a batch of shape " + shape));
        }
        return apply(images, Math.toIntExact(shape.get(0)));
    }

    @Override
    public synchronized Outputs apply(float[] images, int n) {
        Objects.requireNonNull(images, "images is null");
        if (closed) {
            throw new IllegalStateException(description + " is closed");
        }
        if (n < 1) {
            throw new IllegalArgumentException(description + " needs at least one image, got n = "
                    + n);
        }
        if (images.length != (long) n * imageSize) {
            String per = images.length % n == 0
                    ? images.length / n + " values per image"
                    : "a length that is not a multiple of n";
            throw new IllegalArgumentException(description + " takes images of shape "
                    + inputShape + ", got " + images.length + " values for " + n + " images ("
                    + per + ", expected " + imageSize + ")");
        }
        for (int i = 0; i < images.length; i++) {
            if (!Float.isFinite(images[i])) {
                throw new IllegalArgumentException(description + " got a non-finite pixel ("
                        + images[i] + ") in image " + i / imageSize);
            }
        }
        int k = classCount();
        int f = ClassifierNetwork.FEATURE_SIZE;
        double[][] features = new double[n][];
        double[][] probabilities = new double[n][];
        for (int start = 0; start < n; start += BATCH) {
            int count = Math.min(BATCH, n - start);
            float[] chunk = java.util.Arrays.copyOfRange(images, start * imageSize,
                    (start + count) * imageSize);
            float[] feat;
            float[] logits;
            try (NDManager sm = manager.newSubManager()) {
                NDArray x = HostArrays.create(sm, chunk, new Shape(count).addAll(inputShape));
                NDArray h = network.features(parameterStore, x, false);
                logits = network.logits(parameterStore, h, false).toFloatArray();
                feat = h.toFloatArray();
            }
            for (int i = 0; i < count; i++) {
                double[] row = new double[f];
                for (int j = 0; j < f; j++) {
                    row[j] = feat[i * f + j];
                }
                features[start + i] = row;
                probabilities[start + i] = Softmax.probabilities(logits, i * k, k);
            }
        }
        return new Outputs(features, probabilities);
    }

    /**
     * The features of a batch as an array in the graph of {@code images}, so that a gradient
     * reaches them (a perceptual loss); the network runs in inference mode and its own weights
     * get no gradient.
     *
     * @param images {@code (N, inputShape...)} in [-1, 1]
     * @return {@code (N, featureSize)}
     * @throws IllegalArgumentException if the images are not of {@link #inputShape}
     */
    public NDArray differentiableFeatures(NDArray images) {
        if (closed) {
            throw new IllegalStateException(description + " is closed");
        }
        if (images.getShape().dimension() != 4
                || !images.getShape().slice(1).equals(inputShape)) {
            throw new IllegalArgumentException(description + " takes images of shape "
                    + inputShape + ", got " + images.getShape().slice(1));
        }
        return network.frozenFeatures(parameterStore, images);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }
}
