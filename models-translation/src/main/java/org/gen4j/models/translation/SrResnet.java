package org.gen4j.models.translation;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import org.gen4j.core.model.Translator;
import org.gen4j.core.model.TranslatorSpec;
import org.gen4j.core.nn.Layers;
import org.gen4j.core.util.Options;

/**
 * SRGAN's generator, SRResNet (Ledig et al. 2017, https://arxiv.org/abs/1609.04802): a 9x9
 * convolution to {@code width} channels and PReLU; {@code blocks} residual blocks (3x3 conv,
 * norm, PReLU, 3x3 conv, norm); a 3x3 conv and norm, added to the first layer's output; per
 * factor 2 of the scale a 3x3 conv to 4x the channels, a pixel shuffle by 2 and PReLU (by 3 for a
 * scale of 3); and a 9x9 convolution to the output's channels with tanh.
 *
 * <p>The scale is the spec's output size over its input size: 2, 3, 4 or 8. Options: {@code
 * width} (64), {@code blocks} (16), {@code norm} ({@code none}, as EDSR (Lim et al. 2017), by
 * default; {@code batch}, the paper's; {@code instance}). BatchNorm learns faster early (after
 * 3 epochs of {@code fashion-lowres} x4, 17.7 dB PSNR against 16.5 without), but on the PyTorch
 * engine a resumed run with it does not end bit for bit where a straight run does, so the
 * default is the one that resumes exactly on both engines.
 */
final class SrResnet {

    static final String NAME = "srresnet";

    private SrResnet() {}

    static Translator create(TranslatorSpec spec) {
        int scale = spec.scale();
        if (scale != 2 && scale != 3 && scale != 4 && scale != 8) {
            throw new IllegalArgumentException("srresnet upscales by 2, 3, 4 or 8, got "
                    + spec.inputShape() + " to " + spec.outputShape() + " (x" + scale + ")");
        }
        Options o = spec.options();
        int width = o.getInt("width", 64, 1, 4096);
        int blocks = o.getInt("blocks", 16, 0, 64);
        String norm = Norms.read(o, "none");
        o.checkAllUsed();
        boolean bias = Norms.convBias(norm);
        SequentialBlock g = new SequentialBlock();
        g.add(ResnetTranslator.conv(width, 9, 1, 4, true)).add(Layers.prelu());
        SequentialBlock trunk = new SequentialBlock();
        for (int i = 0; i < blocks; i++) {
            SequentialBlock body = new SequentialBlock();
            body.add(ResnetTranslator.conv(width, 3, 1, 1, bias));
            Norms.layer(norm).ifPresent(body::add);
            body.add(Layers.prelu()).add(ResnetTranslator.conv(width, 3, 1, 1, bias));
            Norms.layer(norm).ifPresent(body::add);
            trunk.add(Layers.residual(body));
        }
        trunk.add(ResnetTranslator.conv(width, 3, 1, 1, bias));
        Norms.layer(norm).ifPresent(trunk::add);
        g.add(Layers.residual(trunk));
        int left = scale;
        while (left > 1) {
            int r = left % 2 == 0 ? 2 : 3;
            g.add(ResnetTranslator.conv(width * r * r, 3, 1, 1, true))
                    .add(Layers.pixelShuffle(r)).add(Layers.prelu());
            left /= r;
        }
        Shape out = spec.outputShape();
        g.add(ResnetTranslator.conv(Math.toIntExact(out.get(0)), 9, 1, 4, true))
                .add(Layers.tanh());
        return new Translator(g, spec.inputShape(), out, null);
    }
}
