package org.gen4j.models.gan.progan;

import ai.djl.ndarray.types.Shape;
import java.util.EnumSet;
import java.util.Map;
import org.gen4j.core.model.Discriminator;
import org.gen4j.core.model.Generator;
import org.gen4j.core.model.NetworkSpec;
import org.gen4j.core.spec.PresetFactory;
import org.gen4j.core.util.Options;

/**
 * Progressive growing of GANs (Karras, Aila, Laine and Lehtinen 2018, "Progressive Growing of
 * GANs for Improved Quality, Stability, and Variation", <a
 * href="https://arxiv.org/abs/1710.10196">arXiv:1710.10196</a>), sized to the data: the networks
 * start at a 7x7 (sides divisible by 7, such as 28) or 4x4 image and double it stage by stage up
 * to the data's side. Both are built whole; the {@code progan} procedure's growth schedule picks
 * the stage and the fade-in weight alpha of each step ({@link Grown#grow}).
 *
 * <p>Channels: stage i of n has {@code min(max-width, width * 2^(n-1-i))} (options {@code width},
 * default 32, and {@code max-width}, default 256). Every weight layer has the equalised learning
 * rate ({@link EqualizedLayer}); the generator normalises pixelwise after each convolution and
 * outputs linearly through a 1x1 "toRGB" per stage; the discriminator reads each stage through a
 * 1x1 "fromRGB" and ends with the minibatch standard deviation. Samples always have the data's
 * shape: an early stage's image is upsampled (nearest) to it, and the discriminator average-pools
 * its input to the stage's side.
 */
public final class ProGan {

    /** The plugin name of both networks. */
    public static final String NAME = "progan";

    private ProGan() {}

    /** A network whose stage and fade-in weight can be set. */
    public interface Grown {

        /** The number of stages. */
        int stages();

        /**
         * Sets the stage and the fade-in weight of the next passes.
         *
         * @param stage in [0, stages)
         * @param alpha in [0, 1]: 0 is the previous stage upsampled, 1 the new block alone
         */
        void grow(int stage, float alpha);
    }

    /**
     * The layout for a sample shape.
     *
     * @param channels the image channels
     * @param base the first stage's side
     * @param widths the feature channels of each stage
     */
    record Layout(int channels, int base, int[] widths) {

        int stages() {
            return widths.length;
        }

        int side(int stage) {
            return base << stage;
        }
    }

    /**
     * The preset {@value #NAME}: the paper's Adam (lr 1e-3, betas 0 and 0.99, eps 1e-8) for
     * both networks. The equalised layers keep their weights at unit scale, so the GAN
     * procedures' default lr 2e-4 moves them about 50 times more slowly, relative to their size,
     * than it moves a DCGAN's N(0, 0.02) weights: a 10-epoch run on the embedded sample at that
     * rate still draws noise.
     */
    public static PresetFactory preset() {
        Map<String, Object> adam = Map.of("type", "adam", "lr", 1e-3, "beta1", 0.0, "beta2",
                0.99, "eps", 1e-8);
        return PresetFactory.of(NAME, "ProGAN (Karras et al. 2018): Adam lr 1e-3, betas (0,"
                + " 0.99) for both networks; use with --model progan", Map.of("optimizer-g",
                        adam, "optimizer-d", adam));
    }

    /** Checks a stage and fade-in weight for a network of {@code stages} stages. */
    static void checkGrowth(int stage, float alpha, int stages) {
        if (stage < 0 || stage >= stages) {
            throw new IllegalArgumentException("progan stage must be in [0, " + (stages - 1)
                    + "], got " + stage);
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("progan fade-in alpha must be in [0, 1], got "
                    + alpha);
        }
    }

    static Layout layout(NetworkSpec spec) {
        Shape s = spec.sampleShape();
        if (s.dimension() != 3 || s.get(1) != s.get(2)) {
            throw new IllegalArgumentException("progan takes square images (C, S, S), got " + s
                    + ": use mlp-gan for other data");
        }
        long side = s.get(1);
        int base = side % 7 == 0 ? 7 : 4;
        int stages = 1;
        long v = base;
        while (v < side) {
            v *= 2;
            stages++;
        }
        if (v != side || stages < 2) {
            throw new IllegalArgumentException("progan grows from 7x7 or 4x4 by doubling, so the"
                    + " side must be 7 * 2^k or 4 * 2^k with k >= 1 (14, 28, 56, 8, 16, 32, 64,"
                    + " ...), got " + side);
        }
        Options o = spec.options();
        int width = o.getInt("width", 32, 1, 4096);
        int max = o.getInt("max-width", 256, 1, 4096);
        o.checkAllUsed();
        int[] widths = new int[stages];
        for (int i = 0; i < stages; i++) {
            widths[i] = (int) Math.min(max, (long) width << (stages - 1 - i));
        }
        return new Layout(Math.toIntExact(s.get(0)), base, widths);
    }

    /** The generator for a spec. */
    public static Generator generator(NetworkSpec spec) {
        return Generator.of(new ProGanGenerator(layout(spec)), spec.latentSize(),
                spec.sampleShape());
    }

    /** The discriminator for a spec. */
    public static Discriminator discriminator(NetworkSpec spec) {
        return Discriminator.of(new ProGanDiscriminator(layout(spec)), spec.sampleShape(),
                EnumSet.noneOf(Discriminator.Trait.class));
    }
}
