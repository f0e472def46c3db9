package org.gen4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.gen4j.core.procedure.LatentGenerator;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.train.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gen4j arithmetic}: latent vector arithmetic (Radford et al. 2016), the mean latent of
 * group A minus that of group B plus that of group C, decoded.
 */
@Command(name = "arithmetic", mixinStandardHelpOptions = true,
        description = "Decode mean(A) - mean(B) + mean(C) of three groups of latent vectors"
                + " (\"smiling woman - neutral woman + neutral man\"). A group lists seeds"
                + " (the latent vector 'gen4j sample --seed S -n 1' draws) or, for a model with"
                + " an encoder, images (#N of the test split, image files, or folders of them).")
final class ArithmeticCommand implements Callable<Integer> {

    private static final int MAX_SHOWN = 8;

    @Mixin
    EngineOption engine;

    @Option(names = "--run", required = true, paramLabel = "DIR",
            description = "A run folder (its newest checkpoint) or a checkpoint folder.")
    Path run;

    @Option(names = "--a", required = true, split = ",", paramLabel = "ITEM",
            description = "Group A: seeds (integers), #N, image files or folders.")
    List<String> a;

    @Option(names = "--b", required = true, split = ",", paramLabel = "ITEM",
            description = "Group B, subtracted.")
    List<String> b;

    @Option(names = "--c", required = true, split = ",", paramLabel = "ITEM",
            description = "Group C, added.")
    List<String> c;

    @Option(names = "--class", paramLabel = "K", description = "The class every vector is"
            + " decoded (and every image encoded) with, for a conditional model.")
    Integer classLabel;

    @Option(names = "--out", defaultValue = "arithmetic.png", paramLabel = "FILE.png",
            description = "Output PNG (default ${DEFAULT-VALUE}): a row per group (its first"
                    + " members decoded), then mean A, mean B, mean C and the result.")
    Path out;

    @Override
    public Integer call() throws Exception {
        OutputPaths.checkFile("--out", out, ".png");
        engine.apply();
        try (TrainedModel g = TrainedModel.load(run, Gen4j.registry())) {
            if (g.latent().isEmpty() || g.sampleShape().dimension() != 3) {
                throw new IllegalArgumentException("arithmetic needs an image model that decodes"
                        + " latent vectors; the procedure " + g.spec().procedure() + " of " + run
                        + " does not");
            }
            int[] label = label(g);
            int d = g.latent().get().latentSize();
            List<float[]> groups = new ArrayList<>();
            for (List<String> items : List.of(a, b, c)) {
                groups.add(vectors(g, items, label));
            }
            float[] means = new float[4 * d];
            for (int k = 0; k < 3; k++) {
                float[] mean = mean(groups.get(k), d);
                System.arraycopy(mean, 0, means, k * d, d);
                float sign = k == 1 ? -1f : 1f;
                for (int j = 0; j < d; j++) {
                    means[3 * d + j] += sign * mean[j];
                }
            }
            int per = Math.toIntExact(g.sampleShape().size());
            int columns = 4;
            for (float[] z : groups) {
                columns = Math.max(columns, Math.min(MAX_SHOWN, z.length / d));
            }
            float[] grid = new float[4 * columns * per];
            Arrays.fill(grid, -1f);
            for (int k = 0; k < 3; k++) {
                int shown = Math.min(MAX_SHOWN, groups.get(k).length / d);
                float[] x = g.generate(Arrays.copyOf(groups.get(k), shown * d), labels(label,
                        shown), 256);
                System.arraycopy(x, 0, grid, k * columns * per, x.length);
            }
            float[] x = g.generate(means, labels(label, 4), 256);
            System.arraycopy(x, 0, grid, 3 * columns * per, x.length);
            RunData.writeGrid(grid, 4 * columns, g.sampleShape(), columns, out);
            System.err.println("mean(A) - mean(B) + mean(C), last image of the last row: "
                    + out.toAbsolutePath());
        }
        return 0;
    }

    private int[] label(TrainedModel g) {
        if (g.numClasses() == 0) {
            if (classLabel != null) {
                throw new IllegalArgumentException("--class: the model of " + run + " is not"
                        + " conditional");
            }
            return null;
        }
        if (classLabel == null || classLabel < 0 || classLabel >= g.numClasses()) {
            throw new IllegalArgumentException("--class: a conditional model needs the class of"
                    + " the arithmetic, in [0, " + (g.numClasses() - 1) + "], got " + classLabel);
        }
        return new int[] {classLabel};
    }

    private static int[] labels(int[] label, int n) {
        if (label == null) {
            return null;
        }
        int[] all = new int[n];
        Arrays.fill(all, label[0]);
        return all;
    }

    /** The group's latent vectors, row-major. */
    private float[] vectors(TrainedModel g, List<String> items, int[] label) throws IOException {
        LatentGenerator latent = g.latent().get();
        int d = latent.latentSize();
        List<float[]> images = new ArrayList<>();
        List<float[]> codes = new ArrayList<>();
        for (String item : items) {
            String t = item.trim();
            if (t.matches("-?\\d+")) {
                codes.add(latent.draw(new RandomStream(Long.parseLong(t)), 1));
            } else if (Files.isDirectory(Path.of(t))) {
                try (Stream<Path> files = Files.list(Path.of(t))) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        images.add(RunData.image(Gen4j.registry(), g, f.toString(), new int[1]));
                    }
                }
            } else {
                images.add(RunData.image(Gen4j.registry(), g, t, new int[1]));
            }
        }
        if (!images.isEmpty()) {
            if (g.encoder().isEmpty()) {
                throw new IllegalArgumentException("images in a group need a model with an"
                        + " encoder (vae, cvae, ae); the procedure of " + run + " is "
                        + g.spec().procedure() + ": give seeds instead");
            }
            int per = images.get(0).length;
            float[] x = new float[images.size() * per];
            for (int i = 0; i < images.size(); i++) {
                System.arraycopy(images.get(i), 0, x, i * per, per);
            }
            float[] z = g.encode(x, labels(label, images.size()), 256);
            for (int i = 0; i < images.size(); i++) {
                codes.add(Arrays.copyOfRange(z, i * d, (i + 1) * d));
            }
        }
        if (codes.isEmpty()) {
            throw new IllegalArgumentException("a group is empty: give seeds or images");
        }
        float[] all = new float[codes.size() * d];
        for (int i = 0; i < codes.size(); i++) {
            System.arraycopy(codes.get(i), 0, all, i * d, d);
        }
        return all;
    }

    private static float[] mean(float[] z, int d) {
        int n = z.length / d;
        float[] m = new float[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                m[j] += z[i * d + j] / n;
            }
        }
        return m;
    }
}
