package org.gen4j.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.gen4j.core.data.SampleSet;
import org.gen4j.core.procedure.ImageCompletion;
import org.gen4j.core.procedure.SampleRequest;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.gen4j.core.engine.HostArrays;

/**
 * {@code gen4j complete}: images of the run's test split with a region redrawn by an
 * autoregressive model, one row per image: the original, the input with the region grey, then
 * the completions.
 */
@Command(name = "complete", mixinStandardHelpOptions = true,
        description = "Fill in the bottom of test images (from --from-row, default the middle),"
                + " or a --box below a row, with an autoregressive model, and write each"
                + " original, its masked input and its completions in a row of a PNG grid.")
final class CompleteCommand implements Callable<Integer> {

    @Mixin
    EngineOption engine;

    @Option(names = "--run", required = true, paramLabel = "DIR",
            description = "A run folder (its newest checkpoint) or a checkpoint folder.")
    Path run;

    @Option(names = {"-n", "--n"}, defaultValue = "8", description = "Test images (default"
            + " ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--completions", defaultValue = "3", description = "Completions per image"
            + " (default ${DEFAULT-VALUE}).")
    int completions;

    @Option(names = "--from-row", paramLabel = "R", description = "Fill every pixel from row R"
            + " on (default: half the height).")
    Integer fromRow;

    @Option(names = "--box", split = ",", paramLabel = "TOP,LEFT,BOTTOM,RIGHT",
            description = "Fill only the pixels of rows [TOP, BOTTOM) and columns [LEFT, RIGHT)"
                    + " instead.")
    List<Integer> box;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the draws.")
    long seed;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Option(names = "--out", defaultValue = "completions.png", paramLabel = "FILE.png",
            description = "Output PNG (default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        OutputPaths.checkFile("--out", out, ".png");
        if (n < 1 || n > 1024) {
            throw new IllegalArgumentException("--n must be in [1, 1024], got " + n);
        }
        if (completions < 1 || completions > 64) {
            throw new IllegalArgumentException("--completions must be in [1, 64], got "
                    + completions);
        }
        engine.apply();
        Registry registry = Gen4j.registry();
        try (TrainedModel model = TrainedModel.load(run, registry)) {
            ImageCompletion completion = model.completion().orElseThrow(() ->
                    new IllegalArgumentException("complete needs an autoregressive model"
                            + " (pixelcnn, gated-pixelcnn, pixelrnn-row-lstm,"
                            + " pixelrnn-diagonal-bilstm); the procedure of " + run + " is "
                            + model.spec().procedure()));
            Shape shape = model.sampleShape();
            int c = Math.toIntExact(shape.get(0));
            int h = Math.toIntExact(shape.get(1));
            int w = Math.toIntExact(shape.get(2));
            boolean[] fill = region(h, w);
            SampleSet test = RunData.testSplit(registry, model.spec());
            int count = Math.min(n, test.size());
            int per = c * h * w;
            int total = count * completions;
            float[] x = new float[total * per];
            int[] labels = model.numClasses() > 0 ? new int[total] : null;
            float[] originals = new float[count * per];
            for (int i = 0; i < count; i++) {
                test.copySample(i, originals, i * per);
                for (int k = 0; k < completions; k++) {
                    System.arraycopy(originals, i * per, x, (i * completions + k) * per, per);
                    if (labels != null) {
                        labels[i * completions + k] = test.label(i);
                    }
                }
            }
            float[] done;
            try (NDManager m = NDManager.newBaseManager();
                    SamplingProgress progress = new SamplingProgress(!noProgress)) {
                done = completion.complete(model.sampleContext(m), HostArrays.create(m, x,
                        new Shape(total).addAll(shape)), fill, new SampleRequest(total,
                        new RandomStream(seed), labels, progress)).toFloatArray();
            }
            int columns = completions + 2;
            float[] grid = new float[count * columns * per];
            for (int i = 0; i < count; i++) {
                int row = i * columns;
                System.arraycopy(originals, i * per, grid, row * per, per);
                float[] masked = Arrays.copyOfRange(originals, i * per, (i + 1) * per);
                for (int ch = 0; ch < c; ch++) {
                    for (int p = 0; p < h * w; p++) {
                        if (fill[p]) {
                            masked[ch * h * w + p] = 0f;
                        }
                    }
                }
                System.arraycopy(masked, 0, grid, (row + 1) * per, per);
                System.arraycopy(done, i * completions * per, grid, (row + 2) * per,
                        completions * per);
            }
            RunData.writeGrid(grid, count * columns, shape, columns, out);
            System.err.printf("%d images of %s, each with %d completions: %s%n", count,
                    test.description(), completions, out.toAbsolutePath());
        }
        return 0;
    }

    /** The pixels to fill, from {@code --box} or {@code --from-row}. */
    private boolean[] region(int h, int w) {
        boolean[] fill = new boolean[h * w];
        if (box != null) {
            if (fromRow != null) {
                throw new IllegalArgumentException("give --from-row or --box, not both");
            }
            if (box.size() != 4) {
                throw new IllegalArgumentException("--box takes TOP,LEFT,BOTTOM,RIGHT, got "
                        + box);
            }
            int top = box.get(0);
            int left = box.get(1);
            int bottom = box.get(2);
            int right = box.get(3);
            if (top < 0 || left < 0 || bottom > h || right > w || top >= bottom
                    || left >= right) {
                throw new IllegalArgumentException("--box " + box + " must lie within the "
                        + h + "x" + w + " image with TOP < BOTTOM and LEFT < RIGHT");
            }
            for (int r = top; r < bottom; r++) {
                for (int q = left; q < right; q++) {
                    fill[r * w + q] = true;
                }
            }
            return fill;
        }
        int from = fromRow == null ? h / 2 : fromRow;
        if (from < 0 || from >= h) {
            throw new IllegalArgumentException("--from-row must be in [0, " + (h - 1) + "], got "
                    + from);
        }
        Arrays.fill(fill, from * w, h * w, true);
        return fill;
    }
}
