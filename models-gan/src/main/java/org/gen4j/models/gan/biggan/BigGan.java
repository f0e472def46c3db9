package org.gen4j.models.gan.biggan;

import ai.djl.ndarray.types.Shape;
import java.util.EnumSet;
import java.util.Map;
import org.gen4j.core.model.Discriminator;
import org.gen4j.core.model.Generator;
import org.gen4j.core.spec.PresetFactory;
import org.gen4j.core.util.Options;

/**
 * A small class-conditional BigGAN (Brock, Donahue and Simonyan 2019, "Large Scale GAN Training
 * for High Fidelity Natural Image Synthesis", <a href="https://arxiv.org/abs/1809.11096">
 * arXiv:1809.11096</a>), sized to the data: residual blocks that double (G) or halve (D) the side
 * between a base of 7 or 4 and the data's side, every weight layer spectrally normalised.
 *
 * <ul>
 *   <li>G: z is split into one chunk per block plus one; the first chunk goes through a linear
 *       layer to the base maps; each block's conditional BatchNorms ({@link ConditionalBatchNorm})
 *       see the shared class embedding concatenated with its chunk (hierarchical latents); a
 *       block is CBN, ReLU, upsample, 3x3 conv, CBN, ReLU, 3x3 conv, plus an upsampled 1x1 conv
 *       skip; the output is BatchNorm, ReLU, 3x3 conv to the image channels, tanh.
 *   <li>D: blocks of (ReLU,) 3x3 conv, ReLU, 3x3 conv, 2x2 average pooling, plus a 1x1 conv and
 *       pooled skip, then one block at the base side without pooling; ReLU, a sum over the
 *       positions, and the projection discriminator's score (Miyato and Koyama 2018): a linear
 *       score plus the inner product of the features with the class's embedding.
 *   <li>Self-attention ({@link SelfAttention}) after G's first block and D's first block when
 *       {@code attention} is true (the default).
 * </ul>
 *
 * <p>Options: {@code width} (the channel unit w, default 16: G has w * 2^k channels at the base
 * and halves them each block, D mirrors it), {@code embedding} (the shared embedding's size,
 * default 32) and {@code attention}.
 */
public final class BigGan {

    /** The procedure's name. */
    public static final String NAME = "biggan";

    private BigGan() {}

    /**
     * The layout for a sample shape.
     *
     * @param channels image channels
     * @param base the base side
     * @param blocks the up (or down) blocks
     * @param width the channel unit
     * @param embedding the shared class embedding's size
     * @param attention whether to add self-attention
     * @param classes the number of classes
     */
    record Layout(int channels, int base, int blocks, int width, int embedding,
            boolean attention, int classes) {

        /** The channels at block i's output in G (i = 0 is the base). */
        long generatorWidth(int i) {
            return (long) width << (blocks - i);
        }
    }

    /** The generator for images of a shape and classes; {@code options} as above. */
    public static Generator generator(Shape sample, int latent, int classes, Options options) {
        Layout layout = layout(sample, classes, options);
        return Generator.of(new BigGanGenerator(layout, latent), latent, sample);
    }

    /** The projection discriminator; {@code options} as above. */
    public static Discriminator discriminator(Shape sample, int classes, Options options) {
        return Discriminator.of(new BigGanDiscriminator(layout(sample, classes, options)),
                sample, EnumSet.noneOf(Discriminator.Trait.class));
    }

    /**
     * The preset {@value #NAME}: BigGAN's hinge loss, two discriminator steps per generator step,
     * and Adam with betas (0, 0.999), lr 5e-5 for G and 2e-4 for D.
     */
    public static PresetFactory preset() {
        return PresetFactory.of(NAME, "BigGAN (Brock et al. 2019): hinge loss, n-critic 2, Adam"
                + " betas (0, 0.999), lr 5e-5 (G) and 2e-4 (D); use with --model biggan",
                Map.of("loss", "hinge", "n-critic", 2,
                        "optimizer-g", adam(5e-5), "optimizer-d", adam(2e-4)));
    }

    private static Map<String, Object> adam(double lr) {
        return Map.of("type", "adam", "lr", lr, "beta1", 0.0, "beta2", 0.999);
    }

    static Layout layout(Shape sample, int classes, Options o) {
        if (sample.dimension() != 3 || sample.get(1) != sample.get(2)) {
            throw new IllegalArgumentException("biggan takes square images (C, S, S), got "
                    + sample);
        }
        if (classes < 2) {
            throw new IllegalArgumentException("biggan is class-conditional: it needs at least 2"
                    + " classes, got " + classes);
        }
        long side = sample.get(1);
        int base = side % 7 == 0 ? 7 : 4;
        int blocks = 0;
        long v = base;
        while (v < side) {
            v *= 2;
            blocks++;
        }
        if (v != side || blocks < 1) {
            throw new IllegalArgumentException("biggan doubles from 7x7 or 4x4, so the side must"
                    + " be 7 * 2^k or 4 * 2^k with k >= 1 (14, 28, 8, 16, 32, 64, ...), got "
                    + side);
        }
        int width = o.getInt("width", 16, 1, 4096);
        int embedding = o.getInt("embedding", 32, 1, 4096);
        boolean attention = o.getBoolean("attention", true);
        o.checkAllUsed();
        return new Layout(Math.toIntExact(sample.get(0)), base, blocks, width, embedding,
                attention, classes);
    }
}
