package org.gen4j.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gen4j.core.data.Masks;
import org.gen4j.core.procedure.SampleRequest;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.PluginKind;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.TrainedModel;
import org.gen4j.core.translate.Inpainter;
import org.gen4j.core.translate.InpainterFactory;
import org.gen4j.core.util.Options;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.gen4j.core.engine.HostArrays;

/**
 * {@code gen4j inpaint}: fills the hole of a mask in images. An autoregressive model draws the
 * hole's pixels given the pixels before them; a model that decodes latent vectors (a GAN) goes
 * to a registered inpainter ({@code semantic}).
 */
@Command(name = "inpaint", mixinStandardHelpOptions = true,
        description = "Fill the hole of --mask (an image, white marking the hole, or a shape:"
                + " center, left-half, bottom-half, blocks, noise) in IN (an image, a folder or"
                + " #N of the run's test split) with a trained model, and write PNGs.")
final class InpaintCommand implements Callable<Integer> {

    @Mixin
    EngineOption engine;

    @Mixin
    ImageArguments images;

    @Option(names = "--mask", required = true, paramLabel = "MASK",
            description = "A mask image (white is the hole) or a shape name.")
    String mask;

    @Option(names = "--inpainter", defaultValue = "semantic", description = "The inpainter of a"
            + " latent model (default ${DEFAULT-VALUE}; gen4j list inpainters).")
    String inpainter;

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "An option of the"
            + " inpainter (semantic: iterations, learning-rate, perceptual-weight).")
    Map<String, String> options = new java.util.LinkedHashMap<>();

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the draws and of a"
            + " random mask shape.")
    long seed;

    @Override
    public Integer call() throws Exception {
        boolean folder = images.checkOut();
        engine.apply();
        Registry registry = Gen4j.registry();
        try (TrainedModel model = TrainedModel.load(images.run, registry)) {
            Shape shape = model.sampleShape();
            boolean[] hole = Masks.of(mask, shape, seed);
            List<String> names = new ArrayList<>();
            float[] x = images.read(registry, model, shape, folder, names);
            float[] y;
            try (NDManager m = NDManager.newBaseManager()) {
                var batch = HostArrays.create(m, x, new Shape(names.size()).addAll(shape));
                if (model.completion().isPresent()) {
                    y = model.completion().get().complete(model.sampleContext(m), batch, hole,
                            SampleRequest.of(names.size(), new RandomStream(seed)))
                            .toFloatArray();
                } else {
                    y = inpainter(registry, model).inpaint(model.sampleContext(m), batch, hole,
                            new RandomStream(seed)).toFloatArray();
                }
            }
            images.write(y, names, shape, folder);
            System.err.printf("%d image(s) inpainted: %s%n", names.size(),
                    images.out.toAbsolutePath());
        }
        return 0;
    }

    private Inpainter inpainter(Registry registry, TrainedModel model) {
        InpainterFactory factory = registry.get(PluginKind.INPAINTER, inpainter);
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        options.forEach((k, v) -> values.put(k, v));
        return factory.forModel(model, new Options("inpainter '" + inpainter + "'", values))
                .orElseThrow(() -> new IllegalArgumentException("the inpainter '" + inpainter
                        + "' cannot serve the '" + model.spec().procedure() + "' model of "
                        + images.run
                        + ": it needs an unconditional model that decodes latent vectors (a"
                        + " GAN or a VAE); an autoregressive model inpaints by itself"));
    }
}
