package org.gen4j.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.gen4j.core.data.SampleSet;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gen4j reconstruct}: the first images of a run's test split beside their
 * reconstructions (encoded to their latent means, then decoded), as a PNG grid.
 */
@Command(name = "reconstruct", mixinStandardHelpOptions = true,
        description = "Write images of the run's test split beside their reconstructions by a"
                + " model with an encoder (ae, vae, cvae): odd rows inputs, even rows outputs.")
final class ReconstructCommand implements Callable<Integer> {

    @Mixin
    EngineOption engine;

    @Option(names = "--run", required = true, paramLabel = "DIR",
            description = "A run folder (its newest checkpoint) or a checkpoint folder.")
    Path run;

    @Option(names = {"-n", "--n"}, defaultValue = "32", description = "Images (default"
            + " ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--columns", defaultValue = "8", description = "Images per row.")
    int columns;

    @Option(names = "--as-class", paramLabel = "K", description = "For a conditional model"
            + " (cvae, cvae-gan): decode every image's code as class K instead of its own, which"
            + " keeps its style and swaps its class.")
    Integer asClass;

    @Option(names = "--out", defaultValue = "reconstructions.png", paramLabel = "FILE.png",
            description = "Output PNG (default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        OutputPaths.checkFile("--out", out, ".png");
        if (n < 1 || n > 4096) {
            throw new IllegalArgumentException("--n must be in [1, 4096], got " + n);
        }
        if (columns < 1 || columns > 256) {
            throw new IllegalArgumentException("--columns must be in [1, 256], got " + columns);
        }
        engine.apply();
        Registry registry = Gen4j.registry();
        try (TrainedModel model = TrainedModel.load(run, registry)) {
            if (model.encoder().isEmpty() || model.latent().isEmpty()) {
                throw new IllegalArgumentException("reconstruct needs a model with an encoder and"
                        + " a decoder (ae, vae, cvae, cvae-gan); the procedure of " + run + " is "
                        + model.spec().procedure());
            }
            var shape = model.sampleShape();
            if (shape.dimension() != 3) {
                throw new IllegalArgumentException("reconstruct works on image models; " + run
                        + " makes samples of shape " + shape);
            }
            SampleSet test = RunData.testSplit(registry, model.spec());
            int count = Math.min(n, test.size());
            int per = Math.toIntExact(shape.size());
            float[] x = new float[count * per];
            int[] labels = model.numClasses() > 0 ? new int[count] : null;
            for (int i = 0; i < count; i++) {
                test.copySample(i, x, i * per);
                if (labels != null) {
                    labels[i] = test.label(i);
                }
            }
            int[] decodeAs = labels;
            if (asClass != null) {
                if (labels == null) {
                    throw new IllegalArgumentException("--as-class: the model of " + run
                            + " is not conditional");
                }
                if (asClass < 0 || asClass >= model.numClasses()) {
                    throw new IllegalArgumentException("--as-class must be in [0, "
                            + (model.numClasses() - 1) + "], got " + asClass);
                }
                decodeAs = new int[count];
                Arrays.fill(decodeAs, asClass);
            }
            float[] y = model.generate(model.encode(x, labels, 256), decodeAs, 256);
            int cols = Math.min(columns, count);
            int rows = (count + cols - 1) / cols;
            float[] grid = new float[2 * rows * cols * per];
            Arrays.fill(grid, -1f);
            for (int i = 0; i < count; i++) {
                int row = i / cols;
                int col = i % cols;
                System.arraycopy(x, i * per, grid, ((2 * row) * cols + col) * per, per);
                System.arraycopy(y, i * per, grid, ((2 * row + 1) * cols + col) * per, per);
            }
            RunData.writeGrid(grid, 2 * rows * cols, shape, cols, out);
            System.err.printf("%d images of %s and their reconstructions%s: %s%n", count,
                    test.description(), asClass == null ? "" : " as class " + asClass,
                    out.toAbsolutePath());
        }
        return 0;
    }
}
