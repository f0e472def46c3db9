package org.gen4j.cli;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gen4j.core.data.ImageFolderDataset;
import org.gen4j.core.data.SampleSet;
import org.gen4j.core.image.ImageGrid;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.HeldOutData;
import org.gen4j.core.train.TrainedModel;

/**
 * The images the verbs work on: a run's test split or image files in, and the PNG grid of their
 * pictures out.
 */
final class RunData {

    private RunData() {}

    /**
     * Writes images of one sample shape {@code (C, H, W)} as a PNG grid of {@code columns} per
     * row, enlarged twice when they are smaller than 48 pixels high, as every verb's picture is.
     */
    static void writeGrid(float[] images, int count, Shape sample,
            int columns, Path out) throws IOException {
        int h = Math.toIntExact(sample.get(1));
        ImageGrid.builder().optColumns(columns).optScale(h < 48 ? 2 : 1).build().writePng(images,
                count, Math.toIntExact(sample.get(0)), h, Math.toIntExact(sample.get(2)), out);
    }

    /** The test split of a run's data, with its data options (binarised the fixed way). */
    static SampleSet testSplit(Registry registry, RunSpec spec) {
        return HeldOutData.testSplit(spec, registry);
    }

    /**
     * One image for a model: {@code #N} (or a bare integer) is sample N of the run's test split,
     * anything else an image file, scaled to the model's size and channels.
     *
     * @param label filled with the image's class when it comes from the split, else -1
     */
    static float[] image(Registry registry, TrainedModel model, String which, int[] label)
            throws IOException {
        String index = which.startsWith("#") ? which.substring(1) : which;
        var shape = model.sampleShape();
        float[] x = new float[Math.toIntExact(shape.size())];
        if (index.matches("\\d+")) {
            SampleSet test = testSplit(registry, model.spec());
            int i = Integer.parseInt(index);
            if (i >= test.size()) {
                throw new IllegalArgumentException("image " + which + ": the test split of '"
                        + model.spec().data() + "' has " + test.size() + " images (#0 to #"
                        + (test.size() - 1) + ")");
            }
            test.copySample(i, x, 0);
            label[0] = test.hasLabels() ? test.label(i) : -1;
            return x;
        }
        Path file = Path.of(which);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("image " + which + " is neither an index into the"
                    + " run's test split (#N) nor an image file");
        }
        Path tmp = Files.createTempDirectory("gen4j-image");
        try {
            Files.copy(file, tmp.resolve(file.getFileName()));
            SampleSet one = ImageFolderDataset.builder().setRoot(tmp)
                    .optChannels(Math.toIntExact(shape.get(0)))
                    .optSize(Math.toIntExact(shape.get(1)), Math.toIntExact(shape.get(2)))
                    .optResize(true).build();
            one.copySample(0, x, 0);
            label[0] = -1;
            return x;
        } finally {
            try (var files = Files.list(tmp)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(tmp);
        }
    }
}
