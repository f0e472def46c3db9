package org.gen4j.models.translation;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import java.util.ArrayList;
import java.util.List;
import org.gen4j.core.model.Translator;
import org.gen4j.core.model.TranslatorSpec;
import org.gen4j.core.nn.Layers;
import org.gen4j.core.nn.NoiseDropout;
import org.gen4j.core.nn.TransposedConv2d;
import org.gen4j.core.util.Options;

/**
 * pix2pix's U-Net generator (Isola et al. 2017, https://arxiv.org/abs/1611.07004): an encoder of
 * {@code depth} convolutions 4x4 stride 2, a decoder of as many transposed convolutions, and a
 * skip from each encoder level to the decoder level of its size, concatenated in the channels.
 *
 * <p>Level {@code i} (from the outside, 0-based) has {@code width * 2^min(i, 3)} channels. The
 * encoder is Conv, then per inner level LeakyReLU 0.2, Conv and a normalisation (none at the
 * innermost); the decoder is per level ReLU, transposed Conv and a normalisation, with
 * {@link NoiseDropout} at the {@code dropout-levels} levels next to the bottleneck, and at the
 * outermost ReLU, transposed Conv and tanh. Any image size works: a transposed convolution adds
 * an output padding of 1 where its encoder level had an odd size (28 -> 14 -> 7 -> 3 -> 1 and
 * back).
 *
 * <p>Options: {@code width} (64), {@code depth} (default: halve until the side is 1, at most 8),
 * {@code norm} ({@code instance}, default; {@code batch}; {@code none}), {@code dropout} (0.5;
 * pix2pix's noise), {@code dropout-levels} (3), {@code dropout-at-inference} (true, as the paper).
 */
final class UNet {

    static final String NAME = "unet";

    private UNet() {}

    static Translator create(TranslatorSpec spec) {
        Shape in = spec.inputShape();
        Shape out = spec.outputShape();
        if (in.get(1) != out.get(1) || in.get(2) != out.get(2)) {
            throw new IllegalArgumentException("unet maps images to images of the same size, got "
                    + in + " to " + out + "; use srresnet for super-resolution");
        }
        Options o = spec.options();
        int width = o.getInt("width", 64, 1, 4096);
        long side = Math.min(in.get(1), in.get(2));
        int fits = 0;
        for (long s = side; s > 1 && fits < 8; s = (s + 2 - 4) / 2 + 1) {
            fits++;
        }
        int depth = o.getInt("depth", fits, 1, fits);
        String norm = Norms.read(o, "instance");
        float dropout = (float) o.getDouble("dropout", 0.5, 0, 0.95);
        int dropoutLevels = o.getInt("dropout-levels", 3, 0, 8);
        boolean atInference = o.getBoolean("dropout-at-inference", true);
        o.checkAllUsed();
        NoiseDropout.Noise noise = dropout > 0 && dropoutLevels > 0 ? new NoiseDropout.Noise()
                : null;

        List<long[]> sizes = new ArrayList<>();
        long h = in.get(1);
        long w = in.get(2);
        for (int i = 0; i <= depth; i++) {
            sizes.add(new long[] {h, w});
            h = (h + 2 - 4) / 2 + 1;
            w = (w + 2 - 4) / 2 + 1;
        }
        int outChannels = Math.toIntExact(out.get(0));
        // Built from the innermost level out: level i maps channels(i - 1) to itself at size i.
        Block inner = null;
        for (int i = depth - 1; i >= 0; i--) {
            int cIn = i == 0 ? Math.toIntExact(in.get(0)) : channels(width, i - 1);
            int c = channels(width, i);
            boolean innermost = i == depth - 1;
            SequentialBlock level = new SequentialBlock();
            if (i > 0) {
                level.add(Layers.leakyRelu(0.2f));
            }
            level.add(conv(c, i > 0 && !innermost ? Norms.convBias(norm) : true));
            if (i > 0 && !innermost) {
                Norms.layer(norm).ifPresent(level::add);
            }
            if (inner != null) {
                level.add(inner);
            }
            int upIn = innermost ? c : 2 * c;
            int upOut = i == 0 ? outChannels : cIn;
            long[] target = sizes.get(i);
            long[] below = sizes.get(i + 1);
            Shape padding = new Shape(target[0] - 2 * below[0], target[1] - 2 * below[1]);
            level.add(Layers.relu()).add(TransposedConv2d.builder().setInChannels(upIn)
                    .setOutChannels(upOut).setKernelShape(4).optStride(2).optPadding(1)
                    .optOutputPadding(padding).optBias(i == 0 || Norms.convBias(norm)).build());
            if (i == 0) {
                level.add(Layers.tanh());
                inner = level;
            } else {
                Norms.layer(norm).ifPresent(level::add);
                if (noise != null && i >= depth - 1 - dropoutLevels && !innermost) {
                    level.add(Layers.noiseDropout(dropout, noise, atInference));
                }
                inner = Layers.skipConcat(level);
            }
        }
        return new Translator(inner, in, out, noise);
    }

    static int channels(int width, int level) {
        return width * (1 << Math.min(level, 3));
    }

    private static Block conv(int filters, boolean bias) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(4, 4))
                .optStride(new Shape(2, 2)).optPadding(new Shape(1, 1)).optBias(bias).build();
    }
}
