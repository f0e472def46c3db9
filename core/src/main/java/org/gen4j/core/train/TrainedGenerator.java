package org.gen4j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gen4j.core.model.Generator;
import org.gen4j.core.model.NetworkSpec;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spec.SpecLoader;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.util.Options;

/**
 * A generator loaded from a checkpoint for sampling, in inference mode. Close it to free its
 * parameters.
 */
public final class TrainedGenerator implements AutoCloseable {

    private final Generator generator;
    private final RunSpec spec;
    private final long step;
    private final Path checkpoint;
    private final NDManager manager;
    private final ParameterStore parameterStore;

    private TrainedGenerator(Generator generator, RunSpec spec, long step, Path checkpoint,
            NDManager manager) {
        this.generator = generator;
        this.spec = spec;
        this.step = step;
        this.checkpoint = checkpoint;
        this.manager = manager;
        this.parameterStore = new ParameterStore(manager, false);
    }

    /**
     * Loads the generator of a run's newest checkpoint, or of the given checkpoint folder.
     *
     * @throws IllegalArgumentException if there is no checkpoint, its architecture is not
     *     registered, or its parameters do not fit the architecture
     */
    public static TrainedGenerator load(Path runOrCheckpoint, Registry registry) {
        Path dir = Checkpoints.resolve(runOrCheckpoint);
        CheckpointState state = Checkpoints.readState(dir);
        RunSpec spec = SpecLoader.fromJson(state.spec().toString());
        if (state.sampleShape() == null) {
            throw new IllegalArgumentException(dir + "/state.json has no sample-shape");
        }
        Shape shape = new Shape(state.sampleShape());
        Generator g = registry.generator(spec.model()).create(new NetworkSpec(shape,
                spec.latentSize(), new Options("model '" + spec.model() + "'", spec.modelOptions())));
        NDManager manager = NDManager.newBaseManager();
        try {
            g.block().initialize(manager, DataType.FLOAT32, new Shape(1, spec.latentSize()));
            Path file = dir.resolve("generator.params");
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                g.block().loadParameters(manager, new DataInputStream(in));
            }
            return new TrainedGenerator(g, spec, state.step(), dir, manager);
        } catch (IOException | ai.djl.MalformedModelException | RuntimeException e) {
            manager.close();
            throw new IllegalArgumentException("cannot load the generator of " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    /** The generator. */
    public Generator generator() {
        return generator;
    }

    /** The spec it was trained with. */
    public RunSpec spec() {
        return spec;
    }

    /** The step of the checkpoint. */
    public long step() {
        return step;
    }

    /** The checkpoint folder it came from. */
    public Path checkpoint() {
        return checkpoint;
    }

    /**
     * Generates samples from latent vectors, in batches of at most {@code batch}.
     *
     * @param z latent vectors {@code (n, latentSize)} row-major
     * @return samples {@code (n, sampleShape...)} row-major, values in [-1, 1]
     */
    public float[] generate(float[] z, int batch) {
        int latent = generator.latentSize();
        int n = z.length / latent;
        long per = generator.sampleShape().size();
        float[] out = new float[Math.toIntExact(n * per)];
        for (int start = 0; start < n; start += batch) {
            int count = Math.min(batch, n - start);
            float[] chunk = java.util.Arrays.copyOfRange(z, start * latent, (start + count) * latent);
            try (NDManager m = manager.newSubManager()) {
                NDArray x = GanTrainer.generate(generator, parameterStore, m, chunk);
                System.arraycopy(x.toFloatArray(), 0, out, Math.toIntExact(start * per),
                        Math.toIntExact(count * per));
            }
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
