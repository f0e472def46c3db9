package org.gen4j.models.translation;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import org.gen4j.core.model.Translator;
import org.gen4j.core.model.TranslatorSpec;
import org.gen4j.core.nn.Layers;
import org.gen4j.core.nn.TransposedConv2d;
import org.gen4j.core.util.Options;

/**
 * CycleGAN's ResNet generator (Zhu et al. 2017, after Johnson et al. 2016): reflection pad 3 and
 * a 7x7 convolution to {@code width} channels, {@code downsampling} 3x3 stride-2 convolutions
 * doubling the channels, {@code blocks} residual blocks (reflection pad 1, 3x3 conv, norm, ReLU,
 * reflection pad 1, 3x3 conv, norm), as many 3x3 stride-2 transposed convolutions (output padding
 * 1) halving them, then reflection pad 3, a 7x7 convolution to the output's channels and tanh.
 * Every inner convolution is followed by the normalisation and ReLU.
 *
 * <p>Options: {@code width} (64), {@code blocks} (9 for images of 256 pixels or more, else 6),
 * {@code downsampling} (2; the sides must be divisible by 2^downsampling), {@code norm}
 * ({@code instance}, default; {@code batch}; {@code none}).
 */
final class ResnetTranslator {

    static final String NAME = "resnet";

    private ResnetTranslator() {}

    static Translator create(TranslatorSpec spec) {
        Shape in = spec.inputShape();
        Shape out = spec.outputShape();
        if (in.get(1) != out.get(1) || in.get(2) != out.get(2)) {
            throw new IllegalArgumentException("resnet maps images to images of the same size,"
                    + " got " + in + " to " + out + "; use srresnet for super-resolution");
        }
        Options o = spec.options();
        int width = o.getInt("width", 64, 1, 4096);
        int blocks = o.getInt("blocks", in.get(1) >= 256 ? 9 : 6, 0, 64);
        int down = o.getInt("downsampling", 2, 0, 6);
        String norm = Norms.read(o, "instance");
        o.checkAllUsed();
        long step = 1L << down;
        if (in.get(1) % step != 0 || in.get(2) % step != 0) {
            throw new IllegalArgumentException("resnet with downsampling " + down + " takes"
                    + " images whose sides are multiples of " + step + ", got " + in
                    + "; set downsampling lower or resize the images");
        }
        boolean bias = Norms.convBias(norm);
        SequentialBlock g = new SequentialBlock();
        g.add(Layers.reflectionPad(3)).add(conv(width, 7, 1, 0, bias));
        normRelu(g, norm);
        int c = width;
        for (int i = 0; i < down; i++) {
            g.add(conv(2 * c, 3, 2, 1, bias));
            normRelu(g, norm);
            c *= 2;
        }
        for (int i = 0; i < blocks; i++) {
            SequentialBlock body = new SequentialBlock();
            body.add(Layers.reflectionPad(1)).add(conv(c, 3, 1, 0, bias));
            normRelu(body, norm);
            body.add(Layers.reflectionPad(1)).add(conv(c, 3, 1, 0, bias));
            Norms.layer(norm).ifPresent(body::add);
            g.add(Layers.residual(body));
        }
        for (int i = 0; i < down; i++) {
            g.add(TransposedConv2d.builder().setInChannels(c).setOutChannels(c / 2)
                    .setKernelShape(3).optStride(2).optPadding(1).optOutputPadding(1)
                    .optBias(bias).build());
            normRelu(g, norm);
            c /= 2;
        }
        g.add(Layers.reflectionPad(3)).add(conv(Math.toIntExact(out.get(0)), 7, 1, 0, true))
                .add(Layers.tanh());
        return new Translator(g, in, out, null);
    }

    private static void normRelu(SequentialBlock b, String norm) {
        Norms.layer(norm).ifPresent(b::add);
        b.add(Layers.relu());
    }

    static Block conv(int filters, int kernel, int stride, int pad, boolean bias) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(pad, pad))
                .optBias(bias).build();
    }
}
