package org.gen4j.models.gan.mlp;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.Set;
import org.gen4j.core.model.Discriminator;
import org.gen4j.core.model.Generator;
import org.gen4j.core.model.NetworkSpec;
import org.gen4j.core.nn.Layers;
import org.gen4j.core.util.Options;

/**
 * Fully connected GAN networks, for 2D mixtures and flat images.
 *
 * <p>Generator: {@code depth} hidden layers of {@code width} units with ReLU, then a linear output
 * of the sample's size; tanh at the output for images (values in [-1, 1]), none for points.
 * Discriminator: flatten, {@code depth} hidden layers with LeakyReLU 0.2, then one logit. Options:
 * {@code width} (default 128), {@code depth} (default 2), {@code output} ({@code tanh} or
 * {@code linear}; default tanh for images, linear for points).
 *
 * <p>Every layer is a DJL {@code Linear} or a gen4j block ({@link Layers}), so the discriminator
 * can carry a gradient penalty on any engine (input-gradient route {@code vjp}).
 */
public final class MlpGan {

    /** The plugin name of both networks. */
    public static final String NAME = "mlp-gan";

    private MlpGan() {}

    private record Settings(int width, int depth, boolean tanh) {}

    private static Settings settings(NetworkSpec spec, boolean forGenerator) {
        Options o = spec.options();
        int width = o.getInt("width", 128, 1, 65536);
        int depth = o.getInt("depth", 2, 1, 64);
        boolean image = spec.sampleShape().dimension() > 1;
        String output = o.getChoice("output", image ? "tanh" : "linear", Set.of("tanh", "linear"));
        o.checkAllUsed();
        return new Settings(width, depth, output.equals("tanh"));
    }

    /** The generator for a spec. */
    public static Generator generator(NetworkSpec spec) {
        Settings s = settings(spec, true);
        Shape sample = spec.sampleShape();
        long size = sample.size();
        SequentialBlock g = new SequentialBlock();
        for (int i = 0; i < s.depth(); i++) {
            g.add(Linear.builder().setUnits(s.width()).build()).add(Layers.relu());
        }
        g.add(Linear.builder().setUnits(size).build());
        if (s.tanh()) {
            g.add(Layers.tanh());
        }
        if (sample.dimension() > 1) {
            g.add(Layers.reshape(sample.getShape()));
        }
        return Generator.of(g, spec.latentSize(), sample);
    }

    /** The discriminator for a spec. */
    public static Discriminator discriminator(NetworkSpec spec) {
        Settings s = settings(spec, false);
        SequentialBlock d = new SequentialBlock();
        d.add(Layers.flatten());
        for (int i = 0; i < s.depth(); i++) {
            d.add(Linear.builder().setUnits(s.width()).build())
                    .add(Layers.leakyRelu(0.2f));
        }
        d.add(Linear.builder().setUnits(1).build());
        return Discriminator.of(d, spec.sampleShape(), Set.of());
    }
}
