package org.gen4j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gen4j.core.model.LikelihoodModel;
import org.gen4j.core.procedure.BatchField;
import org.gen4j.core.procedure.DataInfo;
import org.gen4j.core.procedure.ImageCompletion;
import org.gen4j.core.procedure.ImageTranslation;
import org.gen4j.core.procedure.LatentEncoder;
import org.gen4j.core.procedure.LatentGenerator;
import org.gen4j.core.procedure.LikelihoodProcedure;
import org.gen4j.core.procedure.SampleContext;
import org.gen4j.core.procedure.SampleProgress;
import org.gen4j.core.procedure.SampleRequest;
import org.gen4j.core.procedure.TrainingProcedure;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spec.SpecLoader;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.util.Options;
import org.gen4j.core.engine.HostArrays;

/**
 * A trained model of any procedure, loaded from a checkpoint for sampling in inference mode.
 * Close it to free its parameters.
 *
 * <pre>{@code
 * try (TrainedModel model = TrainedModel.load(runDir, registry)) {
 *     float[] images = model.sample(64, 7L, null, 256);           // on the JVM heap
 *     try (NDManager m = NDManager.newBaseManager()) {
 *         NDArray x = model.sample(m, SampleRequest.of(16, new RandomStream(7)));  // in m
 *     }
 * }
 * }</pre>
 *
 * <p>Checkpoints of the format before the general training core load too, as {@code gan} models.
 */
public final class TrainedModel implements AutoCloseable {

    private final ProcedureTrainer trainer;
    private final NDManager manager;
    private final CheckpointState state;
    private final Path checkpoint;
    private final DataInfo data;

    private TrainedModel(ProcedureTrainer trainer, NDManager manager, CheckpointState state,
            Path checkpoint, DataInfo data) {
        this.trainer = trainer;
        this.manager = manager;
        this.state = state;
        this.checkpoint = checkpoint;
        this.data = data;
    }

    /**
     * Loads the model of a run's newest checkpoint, or of the given checkpoint folder.
     *
     * @throws IllegalArgumentException if there is no checkpoint, its procedure or architecture
     *     is not registered, or its parameters do not fit
     */
    public static TrainedModel load(Path runOrCheckpoint, Registry registry) {
        Path dir = Checkpoints.resolve(runOrCheckpoint);
        CheckpointState state = Checkpoints.readState(dir);
        if (state.sampleShape() == null) {
            throw new IllegalArgumentException(dir + "/state.json has no sample-shape");
        }
        RunSpec spec = SpecLoader.fromStored(state.spec()).build(registry);
        Set<BatchField> fields = new HashSet<>();
        fields.add(BatchField.IMAGES);
        if (state.numClasses() > 0) {
            fields.add(BatchField.LABELS);
        }
        Map<BatchField, Shape> fieldShapes = new HashMap<>();
        state.fieldShapes().forEach((name, shape) -> {
            fieldShapes.put(BatchField.named(name), new Shape(shape));
            fields.add(BatchField.named(name));
        });
        DataInfo data = new DataInfo(new Shape(state.sampleShape()), state.numClasses(), fields,
                "the data of " + dir, fieldShapes);
        NDManager manager = NDManager.newBaseManager();
        try {
            ProcedureTrainer trainer = ProcedureTrainer.create(spec, registry, data,
                    Math.max(1, state.step()), manager);
            try {
                trainer.restoreForSampling(dir, state.trainer());
            } catch (java.io.IOException | RuntimeException e) {
                trainer.close();
                throw e;
            }
            return new TrainedModel(trainer, manager, state, dir, data);
        } catch (java.io.IOException | RuntimeException e) {
            manager.close();
            throw new IllegalArgumentException("cannot load the model of " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    /** The spec it was trained with. */
    public RunSpec spec() {
        return trainer.spec();
    }

    /** The procedure. */
    public TrainingProcedure procedure() {
        return trainer.procedure();
    }

    /** The step of the checkpoint. */
    public long step() {
        return state.step();
    }

    /** The checkpoint folder it came from. */
    public Path checkpoint() {
        return checkpoint;
    }

    /** The shape of one sample. */
    public Shape sampleShape() {
        return data.sampleShape();
    }

    /** The classes samples can be conditioned on; 0 for an unconditional model. */
    public int numClasses() {
        return trainer.procedure().numClasses();
    }

    /** The data the model was trained on: its sample shape, classes and fields. */
    public DataInfo data() {
        return data;
    }

    /** The model as an encoder, when its procedure maps samples to latent codes. */
    public Optional<LatentEncoder> encoder() {
        return trainer.procedure() instanceof LatentEncoder e ? Optional.of(e)
                : Optional.empty();
    }

    /**
     * Encodes samples to their latent means, in forward passes of at most {@code batch}.
     *
     * @param x {@code n} samples, row-major
     * @param labels the class of each sample for a conditional model, or null
     * @return {@code (n, latentSize)} row-major
     * @throws UnsupportedOperationException if the procedure has no encoder
     */
    public float[] encode(float[] x, int[] labels, int batch) {
        LatentEncoder e = encoder().orElseThrow(() -> new UnsupportedOperationException(
                "procedure '" + trainer.spec().procedure() + "' has no encoder"));
        checkLabels(labels);
        int per = Math.toIntExact(data.sampleShape().size());
        if (x.length == 0 || x.length % per != 0) {
            throw new IllegalArgumentException(x.length + " values are not whole samples of"
                    + " shape " + data.sampleShape());
        }
        int n = x.length / per;
        float[] out = null;
        int latent = -1;
        for (int start = 0; start < n; start += batch) {
            int count = Math.min(batch, n - start);
            try (NDManager m = manager.newSubManager()) {
                NDArray xs = HostArrays.create(m,
                        Arrays.copyOfRange(x, start * per, (start + count) * per),
                        new Shape(count).addAll(data.sampleShape()));
                NDArray ys = labels == null ? null
                        : HostArrays.create(m, Arrays.copyOfRange(labels, start, start + count));
                float[] z = e.encode(new TrainerContexts.Sample(trainer, m), xs, ys)
                        .toFloatArray();
                if (out == null) {
                    latent = z.length / count;
                    out = new float[n * latent];
                }
                System.arraycopy(z, 0, out, start * latent, z.length);
            }
        }
        return out;
    }

    /** The likelihood estimators the procedure offers; empty when it offers none. */
    public List<String> likelihoodEstimators() {
        return trainer.procedure() instanceof LikelihoodProcedure p ? p.likelihoodEstimators()
                : List.of();
    }

    /**
     * A likelihood model on this model's networks, valid until this model is closed.
     *
     * @param estimator one of {@link #likelihoodEstimators()}
     * @param options the estimator's options ({@code samples}, {@code seed}, ...)
     * @throws UnsupportedOperationException if the procedure gives no likelihood
     */
    public LikelihoodModel likelihood(String estimator, Map<String, ?> options) {
        if (!(trainer.procedure() instanceof LikelihoodProcedure p)) {
            throw new UnsupportedOperationException("procedure '" + trainer.spec().procedure()
                    + "' gives no likelihood of data; procedures that do: vae, cvae, and the"
                    + " autoregressive models");
        }
        return p.likelihood(new TrainerContexts.Sample(trainer, manager), estimator,
                new Options("likelihood '" + estimator + "'", options));
    }

    /**
     * A context for calling the procedure's own capabilities in inference mode on this model's
     * networks, with results in {@code manager}; valid until this model is closed.
     */
    public SampleContext sampleContext(NDManager manager) {
        return new TrainerContexts.Sample(trainer, manager);
    }

    /** The model as an image completer, when its procedure completes images. */
    public Optional<ImageCompletion> completion() {
        return trainer.procedure() instanceof ImageCompletion c ? Optional.of(c)
                : Optional.empty();
    }

    /** The model as an image translation, when its procedure translates images. */
    public Optional<ImageTranslation> translation() {
        return trainer.procedure() instanceof ImageTranslation t ? Optional.of(t)
                : Optional.empty();
    }

    /** The model as a latent generator, when its procedure decodes latent vectors. */
    public Optional<LatentGenerator> latent() {
        return trainer.procedure() instanceof LatentGenerator g ? Optional.of(g)
                : Optional.empty();
    }

    /**
     * Samples into a caller's manager.
     *
     * @return {@code (count, sampleShape...)} owned by {@code manager}
     */
    public NDArray sample(NDManager manager, SampleRequest request) {
        checkLabels(request.labels());
        return trainer.sample(manager, request);
    }

    /**
     * Samples onto the JVM heap, in forward passes of at most {@code batch}.
     *
     * @param n the number of samples
     * @param seed the seed of the random stream the samples are drawn from
     * @param labels the class of each sample for a conditional model, or null
     * @param batch the largest forward pass
     * @return {@code n} samples, row-major; images in [-1, 1]
     */
    public float[] sample(int n, long seed, int[] labels, int batch) {
        return sample(n, new RandomStream(seed), labels, batch);
    }

    /** As {@link #sample(int, long, int[], int)}, from a given stream. */
    public float[] sample(int n, RandomStream random, int[] labels, int batch) {
        return sample(n, random, labels, batch, SampleProgress.NONE);
    }

    /**
     * As {@link #sample(int, RandomStream, int[], int)}, telling {@code progress} how far the
     * procedure has got over all the forward passes, when it samples in sequential steps.
     */
    public float[] sample(int n, RandomStream random, int[] labels, int batch,
            SampleProgress progress) {
        checkLabels(labels);
        if (n < 1 || batch < 1) {
            throw new IllegalArgumentException("n and batch must be >= 1, got " + n + ", "
                    + batch);
        }
        int per = Math.toIntExact(data.sampleShape().size());
        float[] out = new float[Math.multiplyExact(n, per)];
        for (int start = 0; start < n; start += batch) {
            int count = Math.min(batch, n - start);
            int[] chunk = labels == null ? null : Arrays.copyOfRange(labels, start, start + count);
            try (NDManager m = manager.newSubManager()) {
                // In image-steps: a chunk of `count` images at step d of `total` has done d * count.
                long before = start;
                int images = count;
                SampleProgress chunkProgress = (d, total) -> progress.advance(
                        before * total + d * images, total * n);
                float[] x = trainer.sample(m, new SampleRequest(count, random, chunk,
                        chunkProgress)).toFloatArray();
                System.arraycopy(x, 0, out, start * per, count * per);
            }
        }
        return out;
    }

    /**
     * Decodes latent vectors onto the JVM heap, in forward passes of at most {@code batch}.
     *
     * @param z {@code (n, latentSize)} row-major
     * @param labels the class of each vector for a conditional model, or null
     * @throws UnsupportedOperationException if the procedure does not decode latent vectors
     */
    public float[] generate(float[] z, int[] labels, int batch) {
        LatentGenerator g = latentOrThrow();
        int latent = g.latentSize();
        if (z.length == 0 || z.length % latent != 0) {
            throw new IllegalArgumentException("latent array of length " + z.length
                    + " is not a whole number of vectors of size " + latent);
        }
        int n = z.length / latent;
        checkLabels(labels);
        int per = Math.toIntExact(data.sampleShape().size());
        float[] out = new float[Math.multiplyExact(n, per)];
        for (int start = 0; start < n; start += batch) {
            int count = Math.min(batch, n - start);
            try (NDManager m = manager.newSubManager()) {
                NDArray zs = HostArrays.create(m, Arrays.copyOfRange(z, start * latent,
                        (start + count) * latent), new Shape(count, latent));
                NDArray ys = labels == null ? null
                        : HostArrays.create(m, Arrays.copyOfRange(labels, start, start + count));
                float[] x = generate(m, zs, ys).toFloatArray();
                System.arraycopy(x, 0, out, start * per, count * per);
            }
        }
        return out;
    }

    /**
     * Decodes latent vectors into a caller's manager.
     *
     * @param z {@code (N, latentSize)}
     * @param labels {@code (N)} int32 classes for a conditional model, else null
     */
    public NDArray generate(NDManager manager, NDArray z, NDArray labels) {
        return latentOrThrow().generate(new TrainerContexts.Sample(trainer, manager), z, labels);
    }

    private LatentGenerator latentOrThrow() {
        return latent().orElseThrow(() -> new UnsupportedOperationException("procedure '"
                + trainer.spec().procedure() + "' does not decode latent vectors"));
    }

    private void checkLabels(int[] labels) {
        int classes = numClasses();
        if (labels == null) {
            return;
        }
        if (classes == 0) {
            throw new IllegalArgumentException("the model of " + checkpoint + " ("
                    + trainer.spec().procedure() + ") is not conditional: it takes no classes");
        }
        for (int y : labels) {
            if (y < 0 || y >= classes) {
                throw new IllegalArgumentException("class " + y + " is out of range: the model"
                        + " of " + checkpoint + " has classes 0 to " + (classes - 1));
            }
        }
    }

    @Override
    public void close() {
        trainer.close();
        manager.close();
    }
}
