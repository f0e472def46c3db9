package org.gen4j.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.gen4j.core.procedure.ImageTranslation;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.TrainedModel;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.gen4j.core.engine.HostArrays;

/**
 * What {@code gen4j translate} and {@code gen4j upscale} share: read an image, a folder of images
 * or {@code #N} of the run's test split, scaled to the model's input, run the model's {@link
 * ImageTranslation}, and write one PNG per image.
 */
abstract class ImageToImageCommand implements Callable<Integer> {

    @Mixin
    EngineOption engine;

    @Mixin
    ImageArguments images;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the model's noise"
            + " (pix2pix's dropout), default ${DEFAULT-VALUE}.")
    long seed;

    /** The target domain, or null. */
    abstract String to();

    /** Checks the model fits the verb. */
    abstract void check(ImageTranslation translation, TrainedModel model);

    @Override
    public Integer call() throws Exception {
        boolean folder = images.checkOut();
        engine.apply();
        Registry registry = Gen4j.registry();
        try (TrainedModel model = TrainedModel.load(images.run, registry)) {
            ImageTranslation t = model.translation().orElseThrow(() ->
                    new IllegalArgumentException(images.run + " holds a '"
                            + model.spec().procedure()
                            + "' model, which does not translate images; train pix2pix, srgan,"
                            + " cyclegan or stargan"));
            check(t, model);
            Shape input = t.inputShape();
            List<String> names = new ArrayList<>();
            float[] x = images.read(registry, model, input, folder, names);
            Shape output = t.outputShape();
            float[] y;
            try (NDManager m = NDManager.newBaseManager()) {
                y = t.translate(model.sampleContext(m), HostArrays.create(m,
                        x, new Shape(names.size())
                        .addAll(input)), to(), new RandomStream(seed)).toFloatArray();
            }
            images.write(y, names, output, folder);
            System.err.printf("%d image(s) %s -> %s: %s%n", names.size(), input, output,
                    images.out.toAbsolutePath());
        }
        return 0;
    }
}
