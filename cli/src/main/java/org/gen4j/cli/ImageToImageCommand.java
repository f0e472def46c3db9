package org.gen4j.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.gen4j.core.data.ImageFolderDataset;
import org.gen4j.core.data.SampleSet;
import org.gen4j.core.image.ImageFiles;
import org.gen4j.core.procedure.ImageTranslation;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.TrainedModel;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What {@code gen4j translate} and {@code gen4j upscale} share: read an image, a folder of images
 * or {@code #N} of the run's test split, scaled to the model's input, run the model's {@link
 * ImageTranslation}, and write one PNG per image.
 */
abstract class ImageToImageCommand implements Callable<Integer> {

    @Mixin
    EngineOption engine;

    @Option(names = "--run", required = true, paramLabel = "DIR",
            description = "A run folder (its newest checkpoint) or a checkpoint folder.")
    Path run;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the model's noise"
            + " (pix2pix's dropout), default ${DEFAULT-VALUE}.")
    long seed;

    @Parameters(index = "0", paramLabel = "IN", description = "An image file, a folder of"
            + " images, or #N for image N of the run's test split.")
    String in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The output PNG (for one image)"
            + " or folder (for a folder).")
    Path out;

    /** The target domain, or null. */
    abstract String to();

    /** Checks the model fits the verb. */
    abstract void check(ImageTranslation translation, TrainedModel model);

    @Override
    public Integer call() throws Exception {
        boolean folder = !in.startsWith("#") && Files.isDirectory(Path.of(in));
        if (folder) {
            OutputPaths.checkFolder("OUT", out);
        } else {
            OutputPaths.checkFile("OUT", out, ".png");
        }
        engine.apply();
        Registry registry = Gen4j.registry();
        try (TrainedModel model = TrainedModel.load(run, registry)) {
            ImageTranslation t = model.translation().orElseThrow(() ->
                    new IllegalArgumentException(run + " holds a '" + model.spec().procedure()
                            + "' model, which does not translate images; train pix2pix, srgan,"
                            + " cyclegan or stargan"));
            check(t, model);
            Shape input = t.inputShape();
            List<String> names = new ArrayList<>();
            float[] x = read(registry, model, input, folder, names);
            Shape output = t.outputShape();
            float[] y;
            try (NDManager m = NDManager.newBaseManager()) {
                y = t.translate(model.sampleContext(m), m.create(x, new Shape(names.size())
                        .addAll(input)), to(), new RandomStream(seed)).toFloatArray();
            }
            int per = Math.toIntExact(output.size());
            int c = Math.toIntExact(output.get(0));
            int h = Math.toIntExact(output.get(1));
            int w = Math.toIntExact(output.get(2));
            for (int i = 0; i < names.size(); i++) {
                Path target = folder ? out.resolve(names.get(i) + ".png") : out;
                try {
                    if (target.toAbsolutePath().getParent() != null) {
                        Files.createDirectories(target.toAbsolutePath().getParent());
                    }
                    ImageFiles.writePng(y, i * per, c, h, w, target);
                } catch (IOException e) {
                    throw OutputPaths.cannotWrite(target, e);
                }
            }
            System.err.printf("%d image(s) %s -> %s: %s%n", names.size(), input, output,
                    out.toAbsolutePath());
        }
        return 0;
    }

    private float[] read(Registry registry, TrainedModel model, Shape input, boolean folder,
            List<String> names) throws IOException {
        if (in.startsWith("#")) {
            String index = in.substring(1);
            if (!index.matches("\\d+")) {
                throw new IllegalArgumentException("IN " + in + ": #N needs a number");
            }
            SampleSet test = RunData.testSplit(registry, model.spec());
            int i = Integer.parseInt(index);
            if (i >= test.size()) {
                throw new IllegalArgumentException("IN " + in + ": the test split of '"
                        + model.spec().data() + "' has " + test.size() + " images (#0 to #"
                        + (test.size() - 1) + ")");
            }
            if (!test.sampleShape().equals(input)) {
                throw new IllegalArgumentException("IN " + in + ": the test split's images are "
                        + test.sampleShape() + ", the model takes " + input);
            }
            float[] x = new float[Math.toIntExact(input.size())];
            test.copySample(i, x, 0);
            names.add("test-" + i);
            return x;
        }
        Path path = Path.of(in);
        if (!folder && !Files.isRegularFile(path)) {
            throw new IllegalArgumentException("IN " + in + " is neither an image file, a folder"
                    + " of images, nor #N of the run's test split");
        }
        Path root = path;
        Path tmp = null;
        if (!folder) {
            tmp = Files.createTempDirectory("gen4j-image");
            Files.copy(path, tmp.resolve(path.getFileName()));
            root = tmp;
        }
        try {
            ImageFolderDataset set = ImageFolderDataset.builder().setRoot(root)
                    .optChannels(Math.toIntExact(input.get(0)))
                    .optSize(Math.toIntExact(input.get(1)), Math.toIntExact(input.get(2)))
                    .optResize(true).build();
            int per = Math.toIntExact(input.size());
            float[] x = new float[set.size() * per];
            for (int i = 0; i < set.size(); i++) {
                set.copySample(i, x, i * per);
                String name = root.relativize(set.file(i)).toString();
                int dot = name.lastIndexOf('.');
                names.add((dot > 0 ? name.substring(0, dot) : name).replace('/', '-'));
            }
            return x;
        } finally {
            if (tmp != null) {
                try (var files = Files.list(tmp)) {
                    for (Path p : files.toList()) {
                        Files.delete(p);
                    }
                }
                Files.delete(tmp);
            }
        }
    }
}
