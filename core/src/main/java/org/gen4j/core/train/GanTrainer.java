package org.gen4j.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.gen4j.core.loss.CriticContext;
import org.gen4j.core.loss.GanLoss;
import org.gen4j.core.model.Discriminator;
import org.gen4j.core.model.Generator;
import org.gen4j.core.nn.SeededNormalInitializer;
import org.gen4j.core.optim.NamedParameter;
import org.gen4j.core.optim.Optimizer;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.util.AtomicFiles;

/**
 * Trains a GAN by alternating updates: {@code nCritic} discriminator updates, then one generator
 * update, each in its own gradient collection and with its own optimizer.
 *
 * <p>During the generator update the discriminator's trainable parameters are frozen (its
 * BatchNorm running statistics, which are never trainable, are left alone), so no gradient flows
 * into them and nothing leaks into its next update. Each step's arrays live in a sub-manager that
 * is closed at the end of the step, so the array count stays constant over a run.
 *
 * <p>Latent noise comes from a {@link RandomStream} whose state is part of the checkpoint, so a
 * resumed run draws the same noise a straight run would have drawn. Each step reads its losses
 * back once (one synchronisation) to stop on NaN or infinity.
 */
public final class GanTrainer implements AutoCloseable {

    private final GanSetup setup;
    private final NDManager root;
    private final ParameterStore parameterStore;
    private final List<NamedParameter> generatorParams;
    private final List<NamedParameter> discriminatorParams;
    private final Optimizer optimizerG;
    private final Optimizer optimizerD;
    private final RandomStream noise;
    private final Shape realShape;
    private final Shape latentShape;
    private long step;

    /**
     * Builds the networks' parameters (N(0, initStd) weights from the seed, identical on every
     * engine) and the optimizers.
     *
     * @param setup what to train
     * @param manager the manager that will own the parameters; the trainer makes a sub-manager
     */
    public GanTrainer(GanSetup setup, NDManager manager) {
        this.setup = Objects.requireNonNull(setup, "setup is null");
        this.root = manager.newSubManager();
        Generator g = setup.generator();
        Discriminator d = setup.discriminator();
        RandomStream init = RandomStream.derive(setup.seed(), "init");
        initialize(g.block(), new Shape(1, g.latentSize()), init, setup.initStd());
        initialize(d.block(), new Shape(1).addAll(d.inputShape()), init, setup.initStd());
        this.generatorParams = NamedParameter.trainable(g.block());
        this.discriminatorParams = NamedParameter.trainable(d.block());
        this.parameterStore = new ParameterStore(root, false);
        this.optimizerG = setup.optimizerG().create(root);
        this.optimizerD = setup.optimizerD().create(root);
        this.noise = RandomStream.derive(setup.seed(), "noise");
        this.realShape = new Shape(setup.batchSize()).addAll(g.sampleShape());
        this.latentShape = new Shape(setup.batchSize(), g.latentSize());
    }

    private void initialize(Block block, Shape inputShape, RandomStream rng, float std) {
        block.setInitializer(new SeededNormalInitializer(rng, 0f, std), Parameter.Type.WEIGHT);
        block.initialize(root, DataType.FLOAT32, inputShape);
    }

    /** The generator being trained. */
    public Generator generator() {
        return setup.generator();
    }

    /** The discriminator being trained. */
    public Discriminator discriminator() {
        return setup.discriminator();
    }

    /** The setup. */
    public GanSetup setup() {
        return setup;
    }

    /**
     * Scales both optimizers' learning rates for the following steps (see {@link
     * Optimizer#setLearningRateScale}); a schedule calls it before each step.
     */
    public void setLearningRateScale(double scale) {
        optimizerG.setLearningRateScale(scale);
        optimizerD.setLearningRateScale(scale);
    }

    /** Steps completed (generator updates). */
    public long stepCount() {
        return step;
    }

    /** The manager owning the parameters; for tests that check the array count. */
    public NDManager manager() {
        return root;
    }

    /**
     * Runs one training step: {@code nCritic} discriminator updates, each on a new real batch from
     * {@code batches} and a new fake batch, then one generator update.
     *
     * @throws NonFiniteLossException if a loss is NaN or infinite; the networks are then not to be
     *     trusted, and nothing of this step should be checkpointed
     */
    public StepResult step(RealBatches batches) {
        long current = step + 1;
        float[] values;
        try (NDManager sm = root.newSubManager()) {
            NDArray real = null;
            NDArray lossD = null;
            NDArray penalty = null;
            for (int i = 0; i < setup.nCritic(); i++) {
                real = sm.create(batches.next(), realShape);
                NDArray z = latent(sm);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    // G runs under the collector because MXNet's BatchNorm must see training
                    // mode exactly when autograd records; stopGradient keeps G out of D's update.
                    NDArray fake = forwardG(z).stopGradient();
                    NDArray realLogits = forwardD(real);
                    NDArray fakeLogits = forwardD(fake);
                    lossD = setup.loss().discriminatorLoss(realLogits, fakeLogits);
                    penalty = penalties(real, fake, current, i);
                    gc.backward(penalty == null ? lossD : lossD.add(penalty));
                }
                optimizerD.step(discriminatorParams);
                if (!setup.regularizers().isEmpty()) {
                    CriticContext context = context(real, null, current, i);
                    for (WeightedRegularizer r : setup.regularizers()) {
                        r.regularizer().afterDiscriminatorStep(context);
                    }
                }
            }
            NDArray lossG;
            setFrozen(discriminatorParams, true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray fakeLogits = forwardD(forwardG(latent(sm)));
                GanLoss loss = setup.loss();
                NDArray realLogits = loss.generatorNeedsRealLogits() ? forwardD(real) : null;
                lossG = loss.generatorLoss(fakeLogits, realLogits);
                gc.backward(lossG);
            } finally {
                setFrozen(discriminatorParams, false);
            }
            optimizerG.step(generatorParams);
            NDArray pen = penalty == null ? lossD.zerosLike() : penalty;
            values = NDArrays.stack(new NDList(lossD, lossG, pen.reshape(lossD.getShape())))
                    .toFloatArray();
        }
        step = current;
        check(current, "loss_d", values[0]);
        check(current, "loss_g", values[1]);
        check(current, "penalty", values[2]);
        return new StepResult(current, values[0], values[1], values[2]);
    }

    private static void check(long step, String name, float value) {
        if (!Float.isFinite(value)) {
            throw new NonFiniteLossException(step, name, value);
        }
    }

    private NDArray penalties(NDArray real, NDArray fake, long step, int criticIteration) {
        NDArray total = null;
        if (setup.regularizers().isEmpty()) {
            return null;
        }
        CriticContext context = context(real, fake, step, criticIteration);
        for (WeightedRegularizer r : setup.regularizers()) {
            NDArray p = r.regularizer().penalty(context);
            if (p != null && r.weight() != 0) {
                NDArray weighted = p.mul((float) r.weight());
                total = total == null ? weighted : total.add(weighted);
            }
        }
        return total;
    }

    private CriticContext context(NDArray real, NDArray fake, long step, int criticIteration) {
        return new CriticContext(setup.discriminator(), parameterStore, real, fake,
                x -> setup.discriminator().block().forward(parameterStore, new NDList(x), true),
                RandomStream.derive(setup.seed(), "regularizer/" + step + "/" + criticIteration));
    }

    /**
     * Checks before training that every regularizer can serve the discriminator on this engine.
     *
     * @throws UnsupportedOperationException with the reason and the way out
     */
    public void checkRegularizers() {
        CriticContext probe = new CriticContext(setup.discriminator(), parameterStore, null, null,
                x -> setup.discriminator().block().forward(parameterStore, new NDList(x), true),
                null);
        for (WeightedRegularizer r : setup.regularizers()) {
            r.regularizer().checkSupported(probe);
        }
    }

    private NDArray latent(NDManager manager) {
        float[] z = new float[Math.toIntExact(latentShape.size())];
        noise.fillGaussian(z, 1f);
        return manager.create(z, latentShape);
    }

    private NDArray forwardG(NDArray z) {
        return setup.generator().block().forward(parameterStore, new NDList(z), true).singletonOrThrow();
    }

    private NDArray forwardD(NDArray x) {
        return setup.discriminator().block().forward(parameterStore, new NDList(x), true).head();
    }

    private static void setFrozen(List<NamedParameter> params, boolean frozen) {
        for (NamedParameter p : params) {
            p.parameter().freeze(frozen);
        }
    }

    /**
     * Generates samples in inference mode (BatchNorm uses running statistics).
     *
     * @param manager the manager that will own the result
     * @param z latent vectors, {@code (n, latentSize)} row-major
     * @return samples {@code (n, sampleShape...)} in [-1, 1]
     */
    public NDArray generate(NDManager manager, float[] z) {
        return generate(setup.generator(), parameterStore, manager, z);
    }

    /** Generates samples with a generator in inference mode; see {@link #generate(NDManager, float[])}. */
    public static NDArray generate(Generator g, ParameterStore ps, NDManager manager, float[] z) {
        int latent = g.latentSize();
        if (z.length == 0 || z.length % latent != 0) {
            throw new IllegalArgumentException("latent array of length " + z.length
                    + " is not a whole number of vectors of size " + latent);
        }
        NDArray input = manager.create(z, new Shape(z.length / latent, latent));
        return g.block().forward(ps, new NDList(input), false).singletonOrThrow();
    }

    /** The state of the noise stream, saved with checkpoints. */
    public RandomStream.State noiseState() {
        return noise.state();
    }

    /**
     * Writes the networks and the optimizer states into {@code dir} (each file atomically). The
     * caller writes the rest of the checkpoint (step, streams, spec) and publishes the folder.
     */
    public void saveWeights(Path dir) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve("generator.params"),
                out -> setup.generator().block().saveParameters(new DataOutputStream(out)));
        AtomicFiles.write(dir.resolve("discriminator.params"),
                out -> setup.discriminator().block().saveParameters(new DataOutputStream(out)));
        AtomicFiles.write(dir.resolve("optimizer-g.bin"), out -> {
            DataOutputStream dos = new DataOutputStream(out);
            optimizerG.save(dos);
            dos.flush();
        });
        AtomicFiles.write(dir.resolve("optimizer-d.bin"), out -> {
            DataOutputStream dos = new DataOutputStream(out);
            optimizerD.save(dos);
            dos.flush();
        });
    }

    /**
     * Restores networks, optimizer states, the step count and the noise stream from a checkpoint
     * folder written by {@link #saveWeights}.
     *
     * @throws IOException if a file is missing or does not match these networks
     */
    public void restore(Path dir, long restoredStep, RandomStream.State noiseState)
            throws IOException {
        loadBlock(setup.generator().block(), dir.resolve("generator.params"), "generator");
        loadBlock(setup.discriminator().block(), dir.resolve("discriminator.params"),
                "discriminator");
        for (NamedParameter p : generatorParams) {
            p.parameter().getArray().setRequiresGradient(true);
        }
        for (NamedParameter p : discriminatorParams) {
            p.parameter().getArray().setRequiresGradient(true);
        }
        loadOptimizer(optimizerG, dir.resolve("optimizer-g.bin"), generatorParams);
        loadOptimizer(optimizerD, dir.resolve("optimizer-d.bin"), discriminatorParams);
        this.step = restoredStep;
        this.noise.restore(noiseState);
    }

    private void loadBlock(Block block, Path file, String what) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            block.loadParameters(root, new DataInputStream(in));
        } catch (ai.djl.MalformedModelException | RuntimeException e) {
            throw new IOException(file + " does not hold this " + what + "'s parameters: "
                    + e.getMessage(), e);
        }
    }

    private static void loadOptimizer(Optimizer opt, Path file, List<NamedParameter> params)
            throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            opt.load(new DataInputStream(in), params);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** A parameter store for inference on the trained networks. */
    public ParameterStore parameterStore() {
        return parameterStore;
    }

    @Override
    public void close() {
        optimizerG.close();
        optimizerD.close();
        root.close();
    }
}
