package org.gen4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.gen4j.core.latent.Interpolation;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.train.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gen4j interpolate}: a grid of spherical latent interpolations, one path per row. */
@Command(name = "interpolate", mixinStandardHelpOptions = true,
        description = "Write a grid whose rows walk the latent space between two random points"
                + " along the great circle (slerp).")
final class InterpolateCommand implements Callable<Integer> {

    @Mixin
    EngineOption engine;

    @Option(names = "--run", required = true, paramLabel = "DIR",
            description = "A run folder (its newest checkpoint) or a checkpoint folder.")
    Path run;

    @Option(names = "--rows", defaultValue = "8", description = "Paths (default ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--steps", defaultValue = "10", description = "Images per path, ends"
            + " included (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the end points.")
    long seed;

    @Option(names = "--linear", description = "Interpolate linearly instead of spherically.")
    boolean linear;

    @Option(names = "--between", arity = "2", paramLabel = "IMAGE", description = "Two images to"
            + " walk between instead of random points, for a model with an encoder (vae, ae,"
            + " cvae): #N for image N of the run's test split, or an image file. Linear.")
    List<String> between;

    @Option(names = "--class", paramLabel = "K", description = "With --between on a conditional"
            + " model: the class of the path (default: the first image's, when it is #N).")
    Integer classLabel;

    @Option(names = "--out", defaultValue = "interpolation.png", paramLabel = "FILE.png",
            description = "Output PNG (default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        OutputPaths.checkFile("--out", out, ".png");
        if (rows < 1 || rows > 256) {
            throw new IllegalArgumentException("--rows must be in [1, 256], got " + rows);
        }
        if (steps < 2 || steps > 256) {
            throw new IllegalArgumentException("--steps must be in [2, 256], got " + steps);
        }
        engine.apply();
        try (TrainedModel g = TrainedModel.load(run, Gen4j.registry())) {
            var shape = g.sampleShape();
            if (shape.dimension() != 3) {
                throw new IllegalArgumentException("interpolate works on image models; the"
                        + " model of " + run + " makes samples of shape " + shape);
            }
            if (g.latent().isEmpty()) {
                throw new IllegalArgumentException("interpolate needs a model that decodes latent"
                        + " vectors; the procedure " + g.spec().procedure() + " of " + run
                        + " does not");
            }
            int d = g.latent().get().latentSize();
            if (between != null) {
                return between(g, d);
            }
            int[] labels = null;
            if (g.numClasses() > 0) {
                labels = new int[rows * steps];
                for (int i = 0; i < labels.length; i++) {
                    labels[i] = (i / steps) % g.numClasses();
                }
            }
            RandomStream rng = new RandomStream(seed);
            float[] z = new float[rows * steps * d];
            for (int r = 0; r < rows; r++) {
                // As the procedure samples (InfoGAN's codes from their own priors).
                float[] a = g.latent().get().draw(rng, 1);
                float[] b = g.latent().get().draw(rng, 1);
                float[] path = linear ? Interpolation.lerpPath(a, b, steps)
                        : Interpolation.slerpPath(a, b, steps);
                System.arraycopy(path, 0, z, r * steps * d, steps * d);
            }
            float[] x = g.generate(z, labels, 256);
            RunData.writeGrid(x, rows * steps, shape, steps, out);
            System.err.println("interpolation: " + out.toAbsolutePath());
        }
        return 0;
    }

    /** One row from the code of the first image to the code of the second. */
    private int between(TrainedModel g, int d) throws IOException {
        if (g.encoder().isEmpty()) {
            throw new IllegalArgumentException("--between needs a model with an encoder (ae, vae,"
                    + " cvae); the procedure of " + run + " is " + g.spec().procedure());
        }
        int[] la = {-1};
        int[] lb = {-1};
        float[] a = RunData.image(Gen4j.registry(), g, between.get(0), la);
        float[] b = RunData.image(Gen4j.registry(), g, between.get(1), lb);
        int[] label = null;
        if (g.numClasses() > 0) {
            int k = classLabel != null ? classLabel : la[0];
            if (k < 0 || k >= g.numClasses()) {
                throw new IllegalArgumentException("--class: give the class of the path, in [0, "
                        + (g.numClasses() - 1) + "] (the first image has none from the split)");
            }
            label = new int[] {k};
        } else if (classLabel != null) {
            throw new IllegalArgumentException("--class: the model of " + run + " is not"
                    + " conditional");
        }
        float[] za = g.encode(a, label, 1);
        float[] zb = g.encode(b, label, 1);
        float[] path = Interpolation.lerpPath(za, zb, steps);
        int[] labels = null;
        if (label != null) {
            labels = new int[steps];
            Arrays.fill(labels, label[0]);
        }
        float[] x = g.generate(path, labels, 256);
        int per = a.length;
        float[] row = new float[(steps + 2) * per];
        System.arraycopy(a, 0, row, 0, per);
        System.arraycopy(x, 0, row, per, steps * per);
        System.arraycopy(b, 0, row, (steps + 1) * per, per);
        RunData.writeGrid(row, steps + 2, g.sampleShape(), steps + 2, out);
        System.err.println("interpolation between " + between.get(0) + " and " + between.get(1)
                + " (the two ends are the images themselves): " + out.toAbsolutePath());
        return 0;
    }
}
