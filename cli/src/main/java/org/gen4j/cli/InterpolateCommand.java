package org.gen4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gen4j.core.image.ImageGrid;
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

    @Option(names = "--out", defaultValue = "interpolation.png", paramLabel = "FILE.png",
            description = "Output PNG (default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
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
                float[] a = new float[d];
                float[] b = new float[d];
                rng.fillGaussian(a, 1f);
                rng.fillGaussian(b, 1f);
                float[] path = linear ? Interpolation.lerpPath(a, b, steps)
                        : Interpolation.slerpPath(a, b, steps);
                System.arraycopy(path, 0, z, r * steps * d, steps * d);
            }
            float[] x = g.generate(z, labels, 256);
            int h = Math.toIntExact(shape.get(1));
            ImageGrid.builder().optColumns(steps).optScale(h < 48 ? 2 : 1).build().writePng(x,
                    rows * steps, Math.toIntExact(shape.get(0)), h, Math.toIntExact(shape.get(2)),
                    out);
            System.err.println("interpolation: " + out.toAbsolutePath());
        }
        return 0;
    }
}
