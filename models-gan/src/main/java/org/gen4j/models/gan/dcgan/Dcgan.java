package org.gen4j.models.gan.dcgan;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import java.util.EnumSet;
import java.util.Set;
import org.gen4j.core.model.Discriminator;
import org.gen4j.core.model.Generator;
import org.gen4j.core.model.NetworkSpec;
import org.gen4j.core.nn.Layers;
import org.gen4j.core.nn.TransposedConv2d;
import org.gen4j.core.util.Options;

/**
 * DCGAN networks (Radford, Metz and Chintala 2016, https://arxiv.org/abs/1511.06434) following
 * the paper's rules: no pooling, strided (transposed) convolutions, BatchNorm everywhere except at
 * the generator's output and the discriminator's input, ReLU and tanh in G, LeakyReLU 0.2 in D.
 * The trainer initialises weights from N(0, 0.02).
 *
 * <p>28x28 (with {@code width} w, default 64): G is Linear(z, 2w*7*7), BN, ReLU, reshape,
 * TConv(2w, w, k4 s2 p1), BN, ReLU, TConv(w, C, k4 s2 p1), tanh; D is Conv(C, w, k4 s2 p1),
 * LReLU, Conv(w, 2w, k4 s2 p1), BN, LReLU, Linear(1). With w = 64 this is exactly the reference
 * script's network ({@code bench/reference/dcgan.py}).
 *
 * <p>64x64: G is TConv(z, 8w, k4 s1 p0) from 1x1, then four TConv k4 s2 p1 halving the width to
 * C channels at 64x64; D mirrors it with Conv k4 s2 p1 up to 8w at 4x4 and a final Conv(8w, 1, k4).
 * Any channel count C works (1 for grayscale, 3 for RGB).
 *
 * <p>Options (one map serves both networks, so each network accepts every key):
 *
 * <ul>
 *   <li>{@code width}: the channel unit w, in [1, 4096]; default 64.
 *   <li>{@code norm}: the discriminator's normalisation after each inner convolution: {@code
 *       batch} (BatchNorm, the paper's), {@code layer} (layer norm per sample over all its values
 *       with a scale and shift per channel, as in the WGAN-GP paper's critic) or {@code none} (the
 *       convolution then has a bias). Default {@code batch}, or {@code layer} when the run has a
 *       gradient penalty ({@link NetworkSpec#batchNormAllowed()} false): BatchNorm couples the
 *       samples of a batch, which makes per-sample input gradients wrong, so {@code norm=batch} is
 *       refused then. The generator accepts the option and ignores it: it keeps its BatchNorm.
 * </ul>
 *
 * <p>Every layer is a DJL {@code Conv2d}/{@code Linear} or a gen4j block ({@link Layers}), so the
 * discriminator with {@code norm=layer} or {@code norm=none} can carry a gradient penalty on any
 * engine (input-gradient route {@code vjp}).
 */
public final class Dcgan {

    /** The plugin name of both networks. */
    public static final String NAME = "dcgan";

    private static final float SLOPE = 0.2f;

    private Dcgan() {}

    /** The option that picks the discriminator's normalisation. */
    public static final String NORM = "norm";

    /** The values of {@value #NORM}. */
    public static final Set<String> NORMS = Set.of("batch", "layer", "none");

    private record Settings(int channels, int size, int width, String norm) {}

    private static Settings settings(NetworkSpec spec) {
        Shape s = spec.sampleShape();
        if (s.dimension() != 3 || s.get(1) != s.get(2) || (s.get(1) != 28 && s.get(1) != 64)) {
            throw new IllegalArgumentException("dcgan takes images of shape (C, 28, 28) or"
                    + " (C, 64, 64), got " + s + ": use mlp-gan for other data, or resize the"
                    + " images (data-options: resize=true, size=64x64)");
        }
        Options o = spec.options();
        int width = o.getInt("width", 64, 1, 4096);
        String norm = o.getChoice(NORM, spec.batchNormAllowed() ? "batch" : "layer", NORMS);
        o.checkAllUsed();
        return new Settings(Math.toIntExact(s.get(0)), Math.toIntExact(s.get(1)), width, norm);
    }

    private static Block up(int in, int out, int kernel, int stride, int pad, boolean bias) {
        return TransposedConv2d.builder().setInChannels(in).setOutChannels(out)
                .setKernelShape(kernel).optStride(stride).optPadding(pad).optBias(bias).build();
    }

    private static Block down(int out, int kernel, int stride, int pad, boolean bias) {
        return Conv2d.builder().setFilters(out).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(pad, pad))
                .optBias(bias).build();
    }

    /** An inner down-sampling convolution and its normalisation; a bias only without one. */
    private static void downNormalised(SequentialBlock d, int out, String norm) {
        d.add(down(out, 4, 2, 1, norm.equals("none")));
        switch (norm) {
            case "batch" -> d.add(BatchNorm.builder().build());
            case "layer" -> d.add(Layers.layerNorm());
            default -> { }
        }
        d.add(Layers.leakyRelu(SLOPE));
    }

    /** The generator for a spec. */
    public static Generator generator(NetworkSpec spec) {
        Settings s = settings(spec);
        int w = s.width();
        int z = spec.latentSize();
        SequentialBlock g = new SequentialBlock();
        if (s.size() == 28) {
            g.add(Linear.builder().setUnits(2L * w * 7 * 7).build())
                    .add(BatchNorm.builder().build())
                    .add(Layers.relu())
                    .add(Layers.reshape(2L * w, 7, 7))
                    .add(up(2 * w, w, 4, 2, 1, false))
                    .add(BatchNorm.builder().build())
                    .add(Layers.relu())
                    .add(up(w, s.channels(), 4, 2, 1, true));
        } else {
            g.add(Layers.reshape(z, 1, 1))
                    .add(up(z, 8 * w, 4, 1, 0, false))
                    .add(BatchNorm.builder().build())
                    .add(Layers.relu());
            for (int c = 8 * w; c > w; c /= 2) {
                g.add(up(c, c / 2, 4, 2, 1, false))
                        .add(BatchNorm.builder().build())
                        .add(Layers.relu());
            }
            g.add(up(w, s.channels(), 4, 2, 1, true));
        }
        g.add(Layers.tanh());
        return Generator.of(g, z, spec.sampleShape());
    }

    /**
     * The discriminator for a spec.
     *
     * @throws IllegalArgumentException if an option is out of range, or {@code norm=batch} is
     *     asked for in a run with a gradient penalty
     */
    public static Discriminator discriminator(NetworkSpec spec) {
        Settings s = settings(spec);
        if (s.norm().equals("batch") && !spec.batchNormAllowed()) {
            throw new IllegalArgumentException(spec.options().owner() + ": option 'norm' is"
                    + " batch, but a gradient penalty of this run needs per-sample input"
                    + " gradients, which BatchNorm makes wrong (it couples the samples of a"
                    + " batch). Use norm=layer (the default with a penalty) or norm=none");
        }
        int w = s.width();
        SequentialBlock d = new SequentialBlock();
        d.add(down(w, 4, 2, 1, true)).add(Layers.leakyRelu(SLOPE));
        if (s.size() == 28) {
            downNormalised(d, 2 * w, s.norm());
            d.add(Layers.flatten()).add(Linear.builder().setUnits(1).build());
        } else {
            for (int c = 2 * w; c <= 8 * w; c *= 2) {
                downNormalised(d, c, s.norm());
            }
            d.add(down(1, 4, 1, 0, true)).add(Layers.reshape(1));
        }
        return Discriminator.of(d, spec.sampleShape(), s.norm().equals("batch")
                ? EnumSet.of(Discriminator.Trait.BATCH_NORM)
                : EnumSet.noneOf(Discriminator.Trait.class));
    }
}
