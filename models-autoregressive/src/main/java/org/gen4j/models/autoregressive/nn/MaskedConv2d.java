package org.gen4j.models.autoregressive.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.gen4j.core.engine.HostArrays;

/**
 * A stride-1 convolution whose kernel is masked so that each output sees only the inputs before
 * it in raster order, the masked convolution of PixelCNN (van den Oord et al., 2016).
 *
 * <p>For a {@code kH x kW} kernel centred on {@code (cH, cW) = (kH / 2, kW / 2)}, the taps below
 * the centre row and right of the centre on its row are zero. At the centre tap, channels are
 * split into {@code colours} interleaved groups ({@link #group}: R, G, B for colour images; one
 * group for grayscale), and an output of group {@code o} sees an input of group {@code i} only if {@code i <
 * o} (mask {@link MaskType#A}, the first layer: a pixel does not see itself) or {@code i <= o}
 * (mask {@link MaskType#B}, every later layer). The output is padded to the input's size.
 *
 * <p>The mask multiplies the weight on every forward pass, inside autograd, so the masked taps
 * get zero gradient and stay whatever they were initialised to, without effect. The mask itself
 * is made once, in the weight's manager; the masked weight of a pass belongs to the input's
 * manager, so a pass inside a per-step sub-manager leaves nothing behind.
 */
public final class MaskedConv2d extends AbstractBlock {

    private static final byte VERSION = 1;

    /** Which centre-tap connections a mask keeps. */
    public enum MaskType {
        /** Strictly earlier channel groups: the first layer, which must not see its own pixel. */
        A,
        /** Earlier and the same channel group: every later layer. */
        B,
        /**
         * The vertical stack of Gated PixelCNN: every tap of the rows above the centre and of the
         * centre row, whatever the column or channel. Its output at row {@code r} sees row {@code
         * r}, so it may reach the rest of the network only shifted down by one row.
         */
        VERTICAL
    }

    private final int inChannels;
    private final int outChannels;
    private final int kernelHeight;
    private final int kernelWidth;
    private final MaskType type;
    private final int colours;
    private final Parameter weight;
    private final Parameter bias;
    private NDArray mask;

    /**
     * A masked convolution.
     *
     * @param inChannels input channels, a multiple of {@code colours}
     * @param outChannels output channels, a multiple of {@code colours}
     * @param kernelHeight odd kernel height
     * @param kernelWidth odd kernel width
     * @param type the centre tap's mask
     * @param colours the channel groups (1 or 3)
     */
    public MaskedConv2d(int inChannels, int outChannels, int kernelHeight, int kernelWidth,
            MaskType type, int colours) {
        super(VERSION);
        if (colours < 1 || inChannels % colours != 0 || outChannels % colours != 0) {
            throw new IllegalArgumentException("a masked convolution needs channel counts that"
                    + " are multiples of the colour groups: in " + inChannels + ", out "
                    + outChannels + ", colours " + colours);
        }
        if (kernelHeight < 1 || kernelWidth < 1 || kernelHeight % 2 == 0
                || kernelWidth % 2 == 0) {
            throw new IllegalArgumentException("a masked convolution needs an odd kernel, got "
                    + kernelHeight + "x" + kernelWidth);
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelHeight = kernelHeight;
        this.kernelWidth = kernelWidth;
        this.type = type;
        this.colours = colours;
        weight = addParameter(Parameter.builder().setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(outChannels, inChannels, kernelHeight, kernelWidth))
                .build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(outChannels)).build());
    }

    /** A square masked convolution. */
    public static MaskedConv2d of(int inChannels, int outChannels, int kernel, MaskType type,
            int colours) {
        return new MaskedConv2d(inChannels, outChannels, kernel, kernel, type, colours);
    }

    /**
     * The colour group of channel {@code c}: {@code c mod colours}. Interleaving the groups lines
     * them up with the output layout of {@link org.gen4j.core.likelihood.PixelLikelihood}
     * ({@code k} parts of {@code C} channels): channel {@code j C + c} of an output is colour
     * {@code c}, as is channel {@code c} of the image.
     */
    public static int group(int c, int colours) {
        return c % colours;
    }

    /** Input channels. */
    public int inChannels() {
        return inChannels;
    }

    /** Output channels. */
    public int outChannels() {
        return outChannels;
    }

    /** Kernel height. */
    public int kernelHeight() {
        return kernelHeight;
    }

    /** Kernel width. */
    public int kernelWidth() {
        return kernelWidth;
    }

    /** The trained weight times the mask, {@code (out, in, kH, kW)}, on the heap. */
    public float[] maskedWeight() {
        float[] w = weight.getArray().toFloatArray();
        float[] m = maskValues();
        for (int i = 0; i < w.length; i++) {
            w[i] *= m[i];
        }
        return w;
    }

    /** The trained bias, on the heap. */
    public float[] biasValues() {
        return bias.getArray().toFloatArray();
    }

    /** The mask's values, laid out as the weight {@code (out, in, kH, kW)}. */
    public float[] maskValues() {
        float[] m = new float[outChannels * inChannels * kernelHeight * kernelWidth];
        int ch = kernelHeight / 2;
        int cw = kernelWidth / 2;
        int i = 0;
        for (int o = 0; o < outChannels; o++) {
            int go = group(o, colours);
            for (int c = 0; c < inChannels; c++) {
                int gi = group(c, colours);
                boolean centreKept = type == MaskType.A ? gi < go : gi <= go;
                for (int r = 0; r < kernelHeight; r++) {
                    for (int q = 0; q < kernelWidth; q++) {
                        boolean kept = type == MaskType.VERTICAL ? r <= ch
                                : r < ch || (r == ch && q < cw)
                                        || (r == ch && q == cw && centreKept);
                        m[i++] = kept ? 1f : 0f;
                    }
                }
            }
        }
        return m;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs,
            boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Device device = x.getDevice();
        NDArray w = parameterStore.getValue(weight, device, training);
        NDArray b = parameterStore.getValue(bias, device, training);
        NDArray masked = w.mul(mask(w));
        // An op's result belongs to its first operand's manager: without this, every forward
        // pass would leave a masked weight (and on PyTorch its autograd history) in the model's
        // manager for good.
        masked.attach(x.getManager());
        return Conv2d.conv2d(x, masked, b, new Shape(1, 1),
                new Shape(kernelHeight / 2, kernelWidth / 2), new Shape(1, 1));
    }

    private synchronized NDArray mask(NDArray w) {
        if (mask == null || !mask.getDevice().equals(w.getDevice())) {
            NDArray previous = mask;
            mask = HostArrays.create(w.getManager(),
                    maskValues(), w.getShape()).toType(DataType.FLOAT32,
                    false);
            if (previous != null) {
                // The weight moved to another device: the old device's mask is never read again.
                previous.close();
            }
        }
        return mask;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        if (in.dimension() != 4 || in.get(1) != inChannels) {
            throw new IllegalArgumentException("MaskedConv2d takes (N, " + inChannels
                    + ", H, W), got " + in);
        }
        return new Shape[] {new Shape(in.get(0), outChannels, in.get(2), in.get(3))};
    }
}
