package org.gen4j.cli;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gen4j.core.data.ImageFolderDataset;
import org.gen4j.core.data.SampleSet;
import org.gen4j.core.image.ImageFiles;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.TrainedModel;

/**
 * The images the image-to-image verbs read and write: {@code #N} of a run's test split, an image
 * file or a folder of images in; one PNG, or one per image in a folder, out.
 */
final class InputImages {

    private InputImages() {}

    /**
     * Reads {@code in}: {@code #N} of the run's test split (it must have the model's input
     * shape), an image file or a folder of images, scaled to {@code input}; the names of the
     * images (for the output files) go to {@code names}.
     */
    static float[] read(Registry registry, TrainedModel model, String in, Shape input,
            boolean folder, List<String> names) throws IOException {
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

    /** Writes image i of {@code y} to {@code out}, or to {@code out/<name i>.png} for a folder. */
    static void write(float[] y, List<String> names, Shape shape, boolean folder, Path out) {
        int per = Math.toIntExact(shape.size());
        int c = Math.toIntExact(shape.get(0));
        int h = Math.toIntExact(shape.get(1));
        int w = Math.toIntExact(shape.get(2));
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
    }
}
