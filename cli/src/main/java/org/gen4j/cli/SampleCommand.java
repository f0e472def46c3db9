package org.gen4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gen4j.core.data.IdxWriter;
import org.gen4j.core.image.ImageFiles;
import org.gen4j.core.image.ImageGrid;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.train.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gen4j sample}: N images from a checkpoint of any procedure as a PNG grid, single PNGs
 * and/or IDX; {@code --class K} for a conditional model.
 */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Generate images from a trained model's checkpoint (any procedure).")
final class SampleCommand implements Callable<Integer> {

    @Mixin
    EngineOption engine;

    @Option(names = "--run", required = true, paramLabel = "DIR",
            description = "A run folder (its newest checkpoint) or a checkpoint folder.")
    Path run;

    @Option(names = {"-n", "--n"}, defaultValue = "64", description = "Number of images"
            + " (default ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the latent noise"
            + " (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--grid", paramLabel = "FILE.png", description = "Write a PNG grid"
            + " (default samples.png unless --images or --idx is given).")
    Path grid;

    @Option(names = "--images", paramLabel = "DIR", description = "Write each image as"
            + " DIR/sample-NNNNN.png.")
    Path images;

    @Option(names = "--idx", paramLabel = "FILE", description = "Write all images as one IDX3"
            + " uint8 file (grayscale only), for other evaluators.")
    Path idx;

    @Option(names = "--no-progress", description = "No progress bar while an autoregressive"
            + " model draws its values one by one.")
    boolean noProgress;

    @Option(names = "--batch", defaultValue = "256", description = "Images per forward pass.")
    int batch;

    @Option(names = "--class", paramLabel = "K", description = "For a conditional model: the"
            + " class of every image (default: a grid with one row per class).")
    Integer classLabel;

    @Override
    public Integer call() throws Exception {
        if (n < 1 || n > 10_000_000) {
            throw new IllegalArgumentException("--n must be in [1, 10000000], got " + n);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        }
        if (grid == null && images == null && idx == null) {
            grid = Path.of("samples.png");
        }
        if (grid != null) {
            OutputPaths.checkFile("--grid", grid, ".png");
        }
        if (images != null) {
            OutputPaths.checkFolder("--images", images);
        }
        if (idx != null) {
            OutputPaths.checkFile("--idx", idx, null);
        }
        engine.apply();
        try (TrainedModel g = TrainedModel.load(run, Gen4j.registry())) {
            var shape = g.sampleShape();
            if (shape.dimension() != 3) {
                throw new IllegalArgumentException("the model of " + run + " makes samples of"
                        + " shape " + shape + ", not images; sample works on image models");
            }
            int[] labels = labels(g);
            int c = Math.toIntExact(shape.get(0));
            int h = Math.toIntExact(shape.get(1));
            int w = Math.toIntExact(shape.get(2));
            if (idx != null && c != 1) {
                throw new IllegalArgumentException("--idx writes grayscale IDX3 files, but the"
                        + " images have " + c + " channels: use --images or --grid");
            }
            ImageGrid.Builder gridBuilder = ImageGrid.builder().optScale(h < 48 ? 2 : 1);
            if (labels != null && classLabel == null) {
                gridBuilder.optColumns(Math.max(1, (n + g.numClasses() - 1) / g.numClasses()));
            }
            ImageGrid layout = gridBuilder.build();
            if (grid != null) {
                try {
                    layout.checkSize(n, h, w);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--grid: " + e.getMessage() + "; lower -n,"
                            + " or write --images or --idx", e);
                }
            }
            float[] x;
            try (SamplingProgress progress = new SamplingProgress(!noProgress)) {
                x = g.sample(n, new RandomStream(seed), labels, batch, progress);
            }
            if (grid != null) {
                try {
                    layout.writePng(x, n, c, h, w, grid);
                } catch (java.io.IOException e) {
                    throw OutputPaths.cannotWrite(grid, e);
                }
                System.err.println("grid: " + grid.toAbsolutePath());
            }
            if (images != null) {
                int per = c * h * w;
                Path file = images;
                try {
                    Files.createDirectories(images);
                    for (int i = 0; i < n; i++) {
                        file = images.resolve(String.format("sample-%05d.png", i));
                        ImageFiles.writePng(x, i * per, c, h, w, file);
                    }
                } catch (java.io.IOException e) {
                    throw OutputPaths.cannotWrite(file, e);
                }
                System.err.println("images: " + images.toAbsolutePath());
            }
            if (idx != null) {
                try {
                    IdxWriter.writeImages(idx, x, n, h, w);
                } catch (java.io.IOException e) {
                    throw OutputPaths.cannotWrite(idx, e);
                }
                System.err.println("idx: " + idx.toAbsolutePath());
            }
            System.err.printf("%d samples from %s (step %d)%n", n, g.checkpoint(), g.step());
        }
        return 0;
    }

    /**
     * The class of each image: all {@code --class} for a conditional model, else rows of classes
     * 0, 1, ... in order; null for an unconditional model.
     */
    private int[] labels(TrainedModel g) {
        int classes = g.numClasses();
        if (classes == 0) {
            if (classLabel != null) {
                throw new IllegalArgumentException("--class: the model of " + run + " ("
                        + g.spec().procedure() + ") is not conditional; it takes no class");
            }
            return null;
        }
        if (classLabel != null && (classLabel < 0 || classLabel >= classes)) {
            throw new IllegalArgumentException("--class must be in [0, " + (classes - 1)
                    + "] for the model of " + run + ", got " + classLabel);
        }
        int[] labels = new int[n];
        int perClass = Math.max(1, (n + classes - 1) / classes);
        for (int i = 0; i < n; i++) {
            labels[i] = classLabel != null ? classLabel : Math.min(classes - 1, i / perClass);
        }
        return labels;
    }
}
