package org.gen4j.models.gan.sngan;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import java.util.EnumSet;
import org.gen4j.core.model.Discriminator;
import org.gen4j.core.model.Generator;
import org.gen4j.core.model.NetworkSpec;
import org.gen4j.core.nn.Layers;
import org.gen4j.core.nn.SpectralNorm;
import org.gen4j.core.nn.TransposedConv2d;
import org.gen4j.core.util.Options;

/**
 * The standard CNN of the SNGAN paper (Miyato et al. 2018, "Spectral Normalization for
 * Generative Adversarial Networks", <a href="https://arxiv.org/abs/1802.05957">
 * arXiv:1802.05957</a>, table 3), sized to the data.
 *
 * <p>The image side S is halved {@code k} times to a base side {@code b >= 4} (28: b 7, k 2; 32:
 * b 4, k 3; 64: b 4, k 4). With the channel unit w (option {@code width}, default 64):
 *
 * <ul>
 *   <li>G: Linear(z, b*b*w*2^k), BN, ReLU, reshape; k times TConv(k4 s2 p1) halving the channels,
 *       BN, ReLU; Conv(3x3, C), tanh;
 *   <li>D: for i in 0..k-1, Conv(3x3 s1, w*2^i) and Conv(4x4 s2 p1, w*2^i), each LeakyReLU 0.1;
 *       Conv(3x3 s1, w*2^k), LeakyReLU 0.1; Linear(1). Every weight layer of D is spectrally
 *       normalised ({@link SpectralNorm}, option {@code power-iterations}, default 1). With S = 32
 *       and w = 64 that is the paper's 64, 64, 128, 128, 256, 256, 512.
 * </ul>
 *
 * <p>D has no BatchNorm, so it carries a gradient penalty on either input-gradient route; the
 * paper trains it with the hinge loss ({@code --model sngan --loss hinge}) and the Adam
 * settings that are the GAN procedures' default (lr 2e-4, betas 0.5 and 0.999).
 */
public final class Sngan {

    /** The plugin name of both networks. */
    public static final String NAME = "sngan";

    private static final float SLOPE = 0.1f;

    private Sngan() {}

    private record Settings(int channels, int base, int ups, int width, int iterations) {}

    private static Settings settings(NetworkSpec spec) {
        Shape s = spec.sampleShape();
        if (s.dimension() != 3 || s.get(1) != s.get(2) || s.get(1) < 8) {
            throw new IllegalArgumentException("sngan takes square images (C, S, S) with S >= 8,"
                    + " got " + s + ": use mlp-gan for other data");
        }
        int side = Math.toIntExact(s.get(1));
        int ups = 0;
        while (side % 2 == 0 && side / 2 >= 4) {
            side /= 2;
            ups++;
        }
        if (ups == 0) {
            throw new IllegalArgumentException("sngan needs an image side that halves at least"
                    + " once to 4 or more (28, 32, 48, 64, ...), got " + s.get(1));
        }
        Options o = spec.options();
        int width = o.getInt("width", 64, 1, 4096);
        int iterations = o.getInt("power-iterations", 1, 1, 100);
        o.checkAllUsed();
        return new Settings(Math.toIntExact(s.get(0)), side, ups, width, iterations);
    }

    /** The generator for a spec. */
    public static Generator generator(NetworkSpec spec) {
        Settings s = settings(spec);
        long top = (long) s.width() << s.ups();
        SequentialBlock g = new SequentialBlock()
                .add(Linear.builder().setUnits(top * s.base() * s.base()).build())
                .add(BatchNorm.builder().build())
                .add(Layers.relu())
                .add(Layers.reshape(top, s.base(), s.base()));
        for (long c = top; c > s.width(); c /= 2) {
            g.add(TransposedConv2d.builder().setInChannels(Math.toIntExact(c))
                            .setOutChannels(Math.toIntExact(c / 2)).setKernelShape(4)
                            .optStride(2).optPadding(1).optBias(false).build())
                    .add(BatchNorm.builder().build())
                    .add(Layers.relu());
        }
        g.add(Conv2d.builder().setFilters(s.channels()).setKernelShape(new Shape(3, 3))
                        .optPadding(new Shape(1, 1)).build())
                .add(Layers.tanh());
        return Generator.of(g, spec.latentSize(), spec.sampleShape());
    }

    /** The discriminator for a spec: every weight layer spectrally normalised. */
    public static Discriminator discriminator(NetworkSpec spec) {
        Settings s = settings(spec);
        SequentialBlock d = new SequentialBlock();
        int layer = 0;
        for (int i = 0; i < s.ups(); i++) {
            long c = (long) s.width() << i;
            d.add(conv(c, 3, 1, 1, s.iterations(), layer++)).add(Layers.leakyRelu(SLOPE));
            d.add(conv(c, 4, 2, 1, s.iterations(), layer++)).add(Layers.leakyRelu(SLOPE));
        }
        d.add(conv((long) s.width() << s.ups(), 3, 1, 1, s.iterations(), layer++))
                .add(Layers.leakyRelu(SLOPE))
                .add(Layers.flatten())
                .add(SpectralNorm.linear(1, true, s.iterations(), layer));
        return Discriminator.of(d, spec.sampleShape(), EnumSet.noneOf(Discriminator.Trait.class));
    }

    private static Block conv(long filters, int kernel, int stride, int pad, int iterations,
            int layer) {
        return SpectralNorm.conv2d(filters, kernel, stride, pad, true, iterations, layer);
    }
}
