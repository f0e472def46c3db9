package org.gen4j.cli;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.TrainedModel;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The run, IN and OUT of the verbs that map images to images ({@code translate}, {@code
 * upscale}, {@code inpaint}): a picocli mixin, with the reading and writing of {@link
 * InputImages}.
 */
final class ImageArguments {

    @Option(names = "--run", required = true, paramLabel = "DIR",
            description = "A run folder (its newest checkpoint) or a checkpoint folder.")
    Path run;

    @Parameters(index = "0", paramLabel = "IN", description = "An image file, a folder of"
            + " images, or #N for image N of the run's test split.")
    String in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The output PNG (for one image)"
            + " or folder (for a folder).")
    Path out;

    /**
     * Whether IN is a folder; checks that OUT is a folder then, and a PNG file otherwise.
     *
     * @throws IllegalArgumentException naming OUT if it does not fit
     */
    boolean checkOut() {
        boolean folder = !in.startsWith("#") && Files.isDirectory(Path.of(in));
        if (folder) {
            OutputPaths.checkFolder("OUT", out);
        } else {
            OutputPaths.checkFile("OUT", out, ".png");
        }
        return folder;
    }

    /** The images of IN scaled to {@code shape}, their names added to {@code names}. */
    float[] read(Registry registry, TrainedModel model, Shape shape, boolean folder,
            List<String> names) throws IOException {
        return InputImages.read(registry, model, in, shape, folder, names);
    }

    /** Writes {@code images} of {@code shape} to OUT. */
    void write(float[] images, List<String> names, Shape shape, boolean folder) {
        InputImages.write(images, names, shape, folder, out);
    }
}
