package org.gen4j.models.autoregressive.networks;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import org.gen4j.core.nn.Layers;
import org.gen4j.core.util.Options;
import org.gen4j.models.autoregressive.nn.MaskedConv2d;
import org.gen4j.models.autoregressive.nn.MaskedConv2d.MaskType;

/**
 * {@value #NAME}: PixelCNN (van den Oord et al., "Pixel Recurrent Neural Networks", 2016). A
 * {@code first-kernel} x {@code first-kernel} mask-A convolution to {@code channels} maps, then
 * {@code blocks} residual blocks (ReLU, 1x1 to {@code channels / 2}, ReLU, {@code kernel} x
 * {@code kernel} mask B, ReLU, 1x1 back to {@code channels}, plus the skip), then ReLU, a 1x1
 * mask-B convolution to {@code channels}, ReLU and a 1x1 mask-B convolution to the outputs.
 * Defaults: 64 channels, 5 blocks, kernels 7 and 3. Its receptive field has the blind spot of
 * stacked masked convolutions: pixels up and to the right, beyond the kernel's reach, are never
 * seen.
 */
public final class PixelCnnFactory implements AutoregressiveNetworkFactory {

    /** The name. */
    public static final String NAME = "pixelcnn";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "PixelCNN: a 7x7 mask-A convolution, residual blocks of mask-B convolutions, 1x1"
                + " outputs (options channels, blocks, first-kernel, kernel)";
    }

    @Override
    public Block create(Options options, Shape sample, int outputsPerValue, int classes) {
        if (classes > 0) {
            throw new IllegalArgumentException("pixelcnn is not conditional; the conditional"
                    + " model is gated-pixelcnn");
        }
        int channels = options.getInt("channels", 64, 2, 4096);
        int blocks = options.getInt("blocks", 5, 0, 64);
        int first = options.getInt("first-kernel", 7, 1, 31);
        int kernel = options.getInt("kernel", 3, 1, 31);
        options.checkAllUsed();
        int colours = Math.toIntExact(sample.get(0));
        checkColours(colours);
        int hidden = round(channels, colours);
        int inner = round(Math.max(colours, channels / 2), colours);
        SequentialBlock net = new SequentialBlock();
        net.add(MaskedConv2d.of(colours, hidden, odd(first, "first-kernel"), MaskType.A,
                colours));
        for (int b = 0; b < blocks; b++) {
            SequentialBlock body = new SequentialBlock()
                    .add(Layers.relu())
                    .add(MaskedConv2d.of(hidden, inner, 1, MaskType.B, colours))
                    .add(Layers.relu())
                    .add(MaskedConv2d.of(inner, inner, odd(kernel, "kernel"), MaskType.B,
                            colours))
                    .add(Layers.relu())
                    .add(MaskedConv2d.of(inner, hidden, 1, MaskType.B, colours));
            net.add(Layers.residual(body));
        }
        net.add(Layers.relu())
                .add(MaskedConv2d.of(hidden, hidden, 1, MaskType.B, colours))
                .add(Layers.relu())
                .add(MaskedConv2d.of(hidden, outputsPerValue * colours, 1, MaskType.B, colours));
        return net;
    }

    /** Refuses images other than grayscale or RGB. */
    static void checkColours(int colours) {
        if (colours != 1 && colours != 3) {
            throw new IllegalArgumentException("autoregressive models take grayscale or RGB"
                    + " images (1 or 3 channels), got " + colours + " channels");
        }
    }

    /** {@code n} rounded up to a multiple of {@code colours}. */
    static int round(int n, int colours) {
        return (n + colours - 1) / colours * colours;
    }

    static int odd(int k, String option) {
        if (k % 2 == 0) {
            throw new IllegalArgumentException("option '" + option + "' must be odd (a masked"
                    + " kernel has a centre), got " + k);
        }
        return k;
    }
}
