package org.gen4j.core.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Objects;

/**
 * A 2-D transposed convolution (also called fractionally strided convolution or "deconvolution")
 * that works on every DJL engine, with any kernel, stride, padding, output padding and channel
 * counts.
 *
 * <p>For an input {@code x} of shape {@code (N, C_in, H, W)} and a weight {@code w} of shape
 * {@code (C_in, C_out, kH, kW)} (the layout of PyTorch's {@code ConvTranspose2d}), the output of
 * shape {@code (N, C_out, H_out, W_out)} is
 *
 * <pre>
 *   y[n, o, i*sH + a - pH, j*sW + b - pW] += x[n, c, i, j] * w[c, o, a, b]   (+ bias[o])
 *   H_out = (H - 1) * sH - 2 * pH + kH + opH
 *   W_out = (W - 1) * sW - 2 * pW + kW + opW
 * </pre>
 *
 * <p>where {@code s} is the stride, {@code p} the padding (rows and columns cropped from each side
 * of the full output) and {@code op} the output padding (rows and columns added at the bottom and
 * right, {@code 0 <= op < s}; they receive only the bias). Any padding {@code >= 0} is accepted,
 * also more than {@code k - 1}, as long as the output is at least 1 x 1; a smaller output fails
 * with an {@link IllegalArgumentException} that names the sizes.
 *
 * <p><b>Why it exists.</b> DJL's own {@code Conv2dTranspose} is wrong on the MXNet engine when
 * the input and output channel counts differ (a shape error), MXNet's native deconvolution fails
 * in backward for one output channel with MKL-DNN, and the PyTorch engine does not implement it
 * at all. This block uses only stride-1 {@link Conv2d#conv2d} and slicing, which every engine has.
 *
 * <p><b>How.</b> The output is split into its {@code sH * sW} phases {@code (ph, pw)}: rows
 * {@code ph, ph + sH, ...} and columns {@code pw, pw + sW, ...}. Each phase is a stride-1
 * convolution of the input with the sub-kernel {@code w[:, :, r::sH, q::sW]} (the taps that land
 * on that phase, {@code r = (ph + pH) mod sH}), flipped and transposed to {@code (C_out, C_in,
 * ...)}, over exactly the window of the input (padded with zeros where needed) that yields that
 * phase's outputs; the phases are then interleaved. No zeros are inserted between input pixels.
 * Whenever {@code H_out <= sH * H} and {@code W_out <= sW * W} (every up-sampling setting in
 * common use: k4 s2 p1, k3 s2 p1 op1, k5 s2 p2 op1, k1 s3) the multiply-adds are at most
 * {@code N * C_in * C_out * H * W * kH * kW}, the count of a native GEMM-plus-col2im transposed
 * convolution, and equal to it when no tap is cropped whole (k4 s2 p1); a larger output (say k4
 * s1 p0) also reads some zero padding at the borders. A phase whose sub-kernel is empty (a kernel
 * smaller than the stride) costs nothing and receives only the bias. An input of 1 x 1 (the
 * first layer of a DCGAN generator) is a single matrix product with exactly that count.
 *
 * <p>Parameter-derived temporaries are attached to the input's manager, so a forward pass inside
 * a per-step sub-manager leaves nothing behind in the model's manager.
 */
public final class TransposedConv2d extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final String NAME = "TransposedConv2d";

    private final int inChannels;
    private final int outChannels;
    private final Shape kernelShape;
    private final Shape stride;
    private final Shape padding;
    private final Shape outputPadding;
    private final boolean includeBias;

    private final Parameter weight;
    private final Parameter bias;

    private TransposedConv2d(Builder builder) {
        super(VERSION);
        inChannels = builder.inChannels;
        outChannels = builder.outChannels;
        kernelShape = builder.kernelShape;
        stride = builder.stride;
        padding = builder.padding;
        outputPadding = builder.outputPadding;
        includeBias = builder.includeBias;
        weight =
                addParameter(
                        Parameter.builder()
                                .setName("weight")
                                .setType(Parameter.Type.WEIGHT)
                                .optShape(
                                        new Shape(
                                                inChannels,
                                                outChannels,
                                                kernelShape.get(0),
                                                kernelShape.get(1)))
                                .build());
        if (includeBias) {
            bias =
                    addParameter(
                            Parameter.builder()
                                    .setName("bias")
                                    .setType(Parameter.Type.BIAS)
                                    .optShape(new Shape(outChannels))
                                    .build());
        } else {
            bias = null;
        }
    }

    /**
     * A builder for a {@code TransposedConv2d}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The number of input channels.
     *
     * @return {@code C_in}
     */
    public int getInChannels() {
        return inChannels;
    }

    /**
     * The number of output channels.
     *
     * @return {@code C_out}
     */
    public int getOutChannels() {
        return outChannels;
    }

    /**
     * The kernel shape.
     *
     * @return {@code (kH, kW)}
     */
    public Shape getKernelShape() {
        return kernelShape;
    }

    /**
     * The stride.
     *
     * @return {@code (sH, sW)}
     */
    public Shape getStride() {
        return stride;
    }

    /**
     * The padding cropped from each side of the full output.
     *
     * @return {@code (pH, pW)}
     */
    public Shape getPadding() {
        return padding;
    }

    /**
     * The output padding added at the bottom and right.
     *
     * @return {@code (opH, opW)}
     */
    public Shape getOutputPadding() {
        return outputPadding;
    }

    /**
     * Whether the block has a bias.
     *
     * @return true if the block adds a learned bias per output channel
     */
    public boolean hasBias() {
        return includeBias;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        checkInputShape(x.getShape());
        Device device = x.getDevice();
        NDArray w = parameterStore.getValue(weight, device, training);
        NDArray b = includeBias ? parameterStore.getValue(bias, device, training) : null;
        return new NDList(transposedConv2d(x, w, b, stride, padding, outputPadding));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        if (inputShapes.length != 1) {
            throw new IllegalArgumentException(
                    NAME + " expects 1 input but got " + inputShapes.length);
        }
        Shape in = inputShapes[0];
        checkInputShape(in);
        return new Shape[] {
            new Shape(
                    in.get(0),
                    outChannels,
                    outputSize(
                            "height",
                            in.get(2),
                            kernelShape.get(0),
                            stride.get(0),
                            padding.get(0),
                            outputPadding.get(0)),
                    outputSize(
                            "width",
                            in.get(3),
                            kernelShape.get(1),
                            stride.get(1),
                            padding.get(1),
                            outputPadding.get(1)))
        };
    }

    /** {@inheritDoc} */
    @Override
    protected void prepare(Shape[] inputShapes) {
        getOutputShapes(inputShapes);
    }

    private void checkInputShape(Shape shape) {
        if (shape.dimension() != 4 || shape.get(1) != inChannels) {
            throw new IllegalArgumentException(
                    NAME + " expects (N, " + inChannels + ", H, W) but got " + shape);
        }
    }

    /**
     * The output size along one axis: {@code (in - 1) * stride - 2 * padding + kernel +
     * outputPadding}.
     *
     * @param in the input size, {@code >= 1}
     * @param kernel the kernel size
     * @param stride the stride
     * @param padding the padding
     * @param outputPadding the output padding
     * @return the output size; may be {@code < 1} for impossible settings
     */
    public static long outputSize(
            long in, long kernel, long stride, long padding, long outputPadding) {
        return (in - 1) * stride - 2 * padding + kernel + outputPadding;
    }

    private static long outputSize(
            String axis, long in, long kernel, long stride, long padding, long outputPadding) {
        long out = outputSize(in, kernel, stride, padding, outputPadding);
        if (out < 1) {
            throw new IllegalArgumentException(
                    String.format(
                            "%s output %s (%d - 1) * %d - 2 * %d + %d + %d = %d is < 1: the"
                                    + " padding %d is too large for an input %s of %d",
                            NAME,
                            axis,
                            in,
                            stride,
                            padding,
                            kernel,
                            outputPadding,
                            out,
                            padding,
                            axis,
                            in));
        }
        return out;
    }

    /**
     * The transposed convolution of {@code input} with {@code weight}, as a function.
     *
     * <p>It is the adjoint (vector-Jacobian product) of {@link Conv2d#conv2d} with the same weight,
     * stride and padding, when {@code outputPadding} makes the sizes match: a convolution weight
     * {@code (C_out, C_in, kH, kW)} maps {@code C_out} channels back to {@code C_in} here.
     * Temporaries derived from {@code weight} and {@code bias} are attached to the input's manager.
     *
     * @param input the input, {@code (N, C_in, H, W)}
     * @param weight the weight, {@code (C_in, C_out, kH, kW)}
     * @param bias the bias, {@code (C_out)}, or {@code null} for none
     * @param stride the stride {@code (sH, sW)}, each {@code >= 1}
     * @param padding the padding {@code (pH, pW)}, each {@code >= 0}
     * @param outputPadding the output padding {@code (opH, opW)}, each in {@code [0, s)}
     * @return the output, {@code (N, C_out, H_out, W_out)}, in the input's manager
     * @throws IllegalArgumentException if a shape or setting is invalid, or the output would be
     *     smaller than 1 x 1
     */
    public static NDArray transposedConv2d(
            NDArray input,
            NDArray weight,
            NDArray bias,
            Shape stride,
            Shape padding,
            Shape outputPadding) {
        return transposedConv2d(input, weight, bias, stride, padding, outputPadding, true);
    }

    /**
     * The gradient of a convolution's input written in forward operations: the vector-Jacobian
     * product of {@link Conv2d#conv2d} (dilation 1, one group) with {@code weight}, {@code stride}
     * and {@code padding}, which is the transposed convolution with the same weight and an output
     * padding that restores the rows and columns the stride skipped at the bottom and right.
     *
     * <p>It is what a gradient penalty needs on an engine without second-order gradients: the
     * result is recorded, so autograd differentiates it with respect to {@code weight} and to
     * whatever {@code outputGradient} depends on. It never calls MXNet's native deconvolution:
     * with MKL-DNN (float32), a backward pass through a convolution and a deconvolution that share
     * one weight crashes the process (SIGSEGV in {@code libmxnet.so}, measured with MXNet 1.9.1 as
     * soon as the deconvolution's input depends on the convolution's output, as it does through a
     * tanh or a layer norm). The phase decomposition used instead is exact on every engine.
     *
     * @param outputGradient {@code g}, shaped like the convolution's output {@code (N, C_out, H_o,
     *     W_o)}
     * @param weight the convolution's weight {@code (C_out, C_in, kH, kW)}, used as is
     * @param stride the convolution's stride {@code (sH, sW)}
     * @param padding the convolution's padding {@code (pH, pW)}
     * @param inputShape the convolution's input shape {@code (N, C_in, H, W)}
     * @return {@code g^T d conv / d input}, shaped {@code inputShape}, in {@code outputGradient}'s
     *     manager
     * @throws IllegalArgumentException if the shapes do not belong to one convolution
     */
    public static NDArray conv2dInputGradient(
            NDArray outputGradient, NDArray weight, Shape stride, Shape padding, Shape inputShape) {
        Objects.requireNonNull(outputGradient, "outputGradient is null");
        Objects.requireNonNull(weight, "weight is null");
        Objects.requireNonNull(inputShape, "inputShape is null");
        Shape gs = outputGradient.getShape();
        Shape ws = weight.getShape();
        if (inputShape.dimension() != 4 || gs.dimension() != 4 || ws.dimension() != 4
                || gs.get(0) != inputShape.get(0) || gs.get(1) != ws.get(0)
                || inputShape.get(1) != ws.get(1)) {
            throw new IllegalArgumentException("conv2dInputGradient: output gradient " + gs
                    + ", weight " + ws + " and input " + inputShape
                    + " are not (N, C_out, Ho, Wo), (C_out, C_in, kH, kW) and (N, C_in, H, W)");
        }
        checkPair("stride", stride, 1);
        checkPair("padding", padding, 0);
        long[] outputPadding = new long[2];
        for (int axis = 0; axis < 2; axis++) {
            long made = outputSize(gs.get(axis + 2), ws.get(axis + 2), stride.get(axis),
                    padding.get(axis), 0);
            outputPadding[axis] = inputShape.get(axis + 2) - made;
            if (outputPadding[axis] < 0 || outputPadding[axis] >= stride.get(axis)) {
                throw new IllegalArgumentException("conv2dInputGradient: a convolution with"
                        + " kernel " + ws.slice(2) + ", stride " + stride + " and padding "
                        + padding + " does not map an input " + inputShape + " to " + gs);
            }
        }
        return transposedConv2d(outputGradient, weight, null, stride, padding,
                new Shape(outputPadding), false);
    }

    private static NDArray transposedConv2d(
            NDArray input,
            NDArray weight,
            NDArray bias,
            Shape stride,
            Shape padding,
            Shape outputPadding,
            boolean mayUseNative) {
        Objects.requireNonNull(input, "input is null");
        Objects.requireNonNull(weight, "weight is null");
        checkSettings(stride, padding, outputPadding);
        Shape ws = weight.getShape();
        if (ws.dimension() != 4) {
            throw new IllegalArgumentException(
                    NAME + " weight must be (C_in, C_out, kH, kW), got " + ws);
        }
        Shape xs = input.getShape();
        if (xs.dimension() != 4 || xs.get(1) != ws.get(0)) {
            throw new IllegalArgumentException(
                    NAME + " expects (N, " + ws.get(0) + ", H, W) but got " + xs);
        }
        long outC = ws.get(1);
        if (bias != null && !bias.getShape().equals(new Shape(outC))) {
            throw new IllegalArgumentException(
                    NAME + " bias must be (" + outC + "), got " + bias.getShape());
        }
        int kH = Math.toIntExact(ws.get(2));
        int kW = Math.toIntExact(ws.get(3));
        int sH = Math.toIntExact(stride.get(0));
        int sW = Math.toIntExact(stride.get(1));
        int pH = Math.toIntExact(padding.get(0));
        int pW = Math.toIntExact(padding.get(1));
        long outH = outputSize("height", xs.get(2), kH, sH, pH, outputPadding.get(0));
        long outW = outputSize("width", xs.get(3), kW, sW, pW, outputPadding.get(1));

        NDManager manager = input.getManager();
        if (mayUseNative && useNativeDeconvolution(manager) && outC > 1 && kH >= sH && kW >= sW
                && pH < kH
                && pW < kW) {
            return nativeDeconvolution(input, weight, bias, kH, kW, sH, sW, pH, pW,
                    outputPadding.get(0), outputPadding.get(1), outC);
        }
        NDArray y;
        if (kH == 4 && kW == 4 && sH == 2 && sW == 2 && pH == 1 && pW == 1
                && outputPadding.get(0) == 0 && outputPadding.get(1) == 0 && outC <= 8
                && subPixelEnabled()) {
            y = subPixelK4S2P1(input, weight);
        } else if (xs.get(2) == 1 && xs.get(3) == 1) {
            y = fromSinglePixel(input, weight, outH, outW, pH, pW);
        } else {
            y = byPhases(input, weight, sH, sW, pH, pW, outH, outW);
        }
        if (bias != null) {
            NDArray b = own(bias.reshape(1, outC, 1, 1), manager);
            y = y.add(b);
        }
        return y;
    }

    /**
     * Whether to call MXNet's own deconvolution operator: on MXNet unless the system property
     * {@value #NATIVE_PROPERTY} is {@code false}, and only for more than one output channel with
     * kernel >= stride and padding < kernel. MXNet 1.9's MKL-DNN deconvolution backward fails for
     * one output channel (ENGINES.md), and crashes the process (SIGSEGV) when the weight is a
     * computed array, so a one-channel layer cannot be padded to two channels either: those
     * layers, and the unusual geometries, take the exact phase decomposition. It is about twice as
     * fast there as the phase
     * decomposition (measured on the DCGAN layers: 128 to 64 channels 7x7 to 14x14, forward and
     * backward, 72 ms by phases against the 31 ms of a convolution with the same multiply-adds).
     */
    private static boolean useNativeDeconvolution(NDManager manager) {
        return "MXNet".equals(manager.getEngine().getEngineName())
                && !"false".equalsIgnoreCase(System.getProperty(NATIVE_PROPERTY));
    }

    /** Set to {@code false} to use the phase decomposition on MXNet too. */
    public static final String NATIVE_PROPERTY = "gen4j.nn.nativeDeconvolution";

    /**
     * MXNet's {@code _npx_deconvolution}, called with its own parameters (DJL's
     * {@code Conv2dTranspose} gets the filter count wrong when in != out channels). A grouped
     * deconvolution would serve one output channel without the MKL-DNN bug, but measured no
     * faster than the phase decomposition (48 against 52 ms on the DCGAN 64 to 1 layer).
     */
    private static NDArray nativeDeconvolution(NDArray input, NDArray weight, NDArray bias,
            int kH, int kW, int sH, int sW, int pH, int pW, long opH, long opW, long outC) {
        ai.djl.util.PairList<String, Object> params = new ai.djl.util.PairList<>();
        params.add("kernel", "(" + kH + ", " + kW + ")");
        params.add("stride", "(" + sH + ", " + sW + ")");
        params.add("pad", "(" + pH + ", " + pW + ")");
        params.add("adj", "(" + opH + ", " + opW + ")");
        params.add("num_filter", Long.toString(outC));
        params.add("no_bias", bias == null ? "True" : "False");
        NDList in = bias == null ? new NDList(input, weight) : new NDList(input, weight, bias);
        return input.getManager().invoke("_npx_deconvolution", in, params).singletonOrThrow();
    }

    /** Set to {@code false} to use the phase decomposition for kernel 4, stride 2, padding 1. */
    public static final String SUBPIXEL_PROPERTY = "gen4j.nn.subPixel";

    private static boolean subPixelEnabled() {
        return !"false".equalsIgnoreCase(System.getProperty(SUBPIXEL_PROPERTY));
    }

    /**
     * Kernel 4, stride 2, padding 1 (the DCGAN and pix2pix up-sampling layer) as one stride-1
     * convolution followed by depth-to-space.
     *
     * <p>Output row {@code 2i + a} reads input rows {@code i - 1, i} through kernel rows 3, 1 when
     * {@code a = 0}, and input rows {@code i, i + 1} through kernel rows 2, 0 when {@code a = 1}: so
     * every output phase is a 3x3 window of the input padded by 1, with kernel rows {@code (3, 1,
     * -)} or {@code (-, 2, 0)} (- is zero), and the same for columns. Stacking the four phase
     * kernels gives one convolution with {@code 4 C_out} filters; its output, reshaped from
     * {@code (N, 2, 2, C_out, H, W)} to {@code (N, C_out, 2H, 2W)}, is the transposed convolution.
     * It does 9/4 of the multiply-adds of a direct transposed convolution, but as one well-shaped
     * convolution instead of four small ones and an interleave. Used for up to 8 output channels,
     * where that wins (DCGAN's 64 to 1 layer, forward and backward: 20 ms against 52 by phases on
     * MXNet, 6 against 21 on PyTorch); with many output channels the extra multiply-adds lose
     * (128 to 64 on PyTorch: 44 against 35 ms).
     */
    private static NDArray subPixelK4S2P1(NDArray input, NDArray weight) {
        NDManager manager = input.getManager();
        Shape xs = input.getShape();
        long n = xs.get(0);
        long h = xs.get(2);
        long w = xs.get(3);
        Shape ws = weight.getShape();
        long inC = ws.get(0);
        long outC = ws.get(1);
        // (outC, inC, 4, 4), so that the stacked kernel is laid out as a convolution weight.
        NDArray wt = own(weight.transpose(1, 0, 2, 3), manager);
        NDArray zeroRow = manager.zeros(new Shape(outC, inC, 1, 4), wt.getDataType());
        int[][] taps = {{3, 1, -1}, {-1, 2, 0}};
        NDList phases = new NDList(4);
        for (int a = 0; a < 2; a++) {
            NDList rows = new NDList(3);
            for (int tap : taps[a]) {
                rows.add(tap < 0 ? zeroRow : wt.get(":, :, " + tap + ":" + (tap + 1) + ", :"));
            }
            NDArray byRows = NDArrays.concat(rows, 2);
            NDArray zeroCol = manager.zeros(new Shape(outC, inC, 3, 1), wt.getDataType());
            for (int b = 0; b < 2; b++) {
                NDList cols = new NDList(3);
                for (int tap : taps[b]) {
                    cols.add(tap < 0 ? zeroCol : byRows.get(":, :, :, " + tap + ":" + (tap + 1)));
                }
                phases.add(NDArrays.concat(cols, 3));
            }
        }
        NDArray kernel = NDArrays.concat(phases, 0); // (4 outC, inC, 3, 3), phase-major
        NDArray y = Conv2d.conv2d(input, kernel, null, new Shape(1, 1), new Shape(1, 1),
                new Shape(1, 1)).singletonOrThrow();
        return y.reshape(n, 2, 2, outC, h, w)
                .transpose(0, 3, 4, 1, 5, 2)
                .reshape(n, outC, 2 * h, 2 * w);
    }

    private static void checkSettings(Shape stride, Shape padding, Shape outputPadding) {
        Objects.requireNonNull(stride, "stride is null");
        Objects.requireNonNull(padding, "padding is null");
        Objects.requireNonNull(outputPadding, "outputPadding is null");
        checkPair("stride", stride, 1);
        checkPair("padding", padding, 0);
        checkPair("outputPadding", outputPadding, 0);
        for (int i = 0; i < 2; i++) {
            if (outputPadding.get(i) >= stride.get(i)) {
                throw new IllegalArgumentException(
                        "outputPadding must be smaller than stride in each dimension, got "
                                + outputPadding
                                + " with stride "
                                + stride);
            }
        }
    }

    private static void checkPair(String name, Shape value, long min) {
        if (value.dimension() != 2) {
            throw new IllegalArgumentException(
                    name + " must have 2 dimensions (height, width), got " + value);
        }
        for (int i = 0; i < 2; i++) {
            if (value.get(i) < min) {
                throw new IllegalArgumentException(
                        name + " must be >= " + min + " in each dimension, got " + value);
            }
        }
    }

    /** Moves a parameter-derived temporary into the manager of the input (ENGINES.md §6.1). */
    private static NDArray own(NDArray temporary, NDManager manager) {
        temporary.attach(manager);
        return temporary;
    }

    /**
     * A 1 x 1 input: every output pixel gets exactly one tap, so the full output is one matrix
     * product {@code (N, C_in) x (C_in, C_out * kH * kW)}, then cropped by the padding.
     */
    private static NDArray fromSinglePixel(
            NDArray input, NDArray weight, long outH, long outW, int pH, int pW) {
        Shape ws = weight.getShape();
        long n = input.getShape().get(0);
        long inC = ws.get(0);
        long outC = ws.get(1);
        long kH = ws.get(2);
        long kW = ws.get(3);
        NDArray w2 = own(weight.reshape(inC, outC * kH * kW), input.getManager());
        NDArray full = input.reshape(n, inC).matMul(w2).reshape(n, outC, kH, kW);
        // Output row Y is full row Y + p; rows at or past k (output padding) get no tap.
        long haveH = Math.max(0, Math.min(kH, pH + outH) - pH);
        long haveW = Math.max(0, Math.min(kW, pW + outW) - pW);
        if (haveH == 0 || haveW == 0) {
            return input.getManager()
                    .zeros(new Shape(n, outC, outH, outW), input.getDataType(), input.getDevice());
        }
        NDArray y = full;
        if (pH > 0 || pW > 0 || haveH < kH || haveW < kW) {
            y = full.get(new NDIndex(":, :, {}:{}, {}:{}", pH, pH + haveH, pW, pW + haveW));
        }
        if (haveH < outH || haveW < outW) {
            y = padBottomRight(y, outH, outW);
        }
        return y;
    }

    /** Pads {@code y} with zeros at the bottom and right to {@code (.., outH, outW)}. */
    private static NDArray padBottomRight(NDArray y, long outH, long outW) {
        NDManager manager = y.getManager();
        Shape s = y.getShape();
        NDArray out = y;
        if (s.get(3) < outW) {
            NDArray zeros =
                    manager.zeros(
                            new Shape(s.get(0), s.get(1), s.get(2), outW - s.get(3)),
                            y.getDataType(),
                            y.getDevice());
            out = out.concat(zeros, 3);
        }
        if (s.get(2) < outH) {
            NDArray zeros =
                    manager.zeros(
                            new Shape(s.get(0), s.get(1), outH - s.get(2), outW),
                            y.getDataType(),
                            y.getDevice());
            out = out.concat(zeros, 2);
        }
        return out;
    }

    /** The phase (sub-pixel) decomposition: one stride-1 convolution per output phase. */
    private static NDArray byPhases(
            NDArray input, NDArray weight, int sH, int sW, int pH, int pW, long outH, long outW) {
        NDManager manager = input.getManager();
        Shape xs = input.getShape();
        Shape ws = weight.getShape();
        long n = xs.get(0);
        long outC = ws.get(1);
        int kH = Math.toIntExact(ws.get(2));
        int kW = Math.toIntExact(ws.get(3));
        // Every phase yields ceil(out / s) rows (columns); the surplus is cropped at the end.
        long rowsH = (outH + sH - 1) / sH;
        long rowsW = (outW + sW - 1) / sW;
        AxisPhase[] rowPlans = AxisPhase.planAll(xs.get(2), kH, sH, pH, rowsH);
        AxisPhase[] colPlans = AxisPhase.planAll(xs.get(3), kW, sW, pW, rowsW);
        NDArray padded =
                padWithZeros(
                        input,
                        AxisPhase.maxBefore(rowPlans),
                        AxisPhase.maxAfter(rowPlans),
                        AxisPhase.maxBefore(colPlans),
                        AxisPhase.maxAfter(colPlans));
        // (C_out, C_in, kH, kW): the layout Conv2d wants, in the input's manager.
        NDArray wt = own(weight.transpose(1, 0, 2, 3), manager);

        NDList phaseRows = new NDList(sH);
        for (AxisPhase rows : rowPlans) {
            NDList phaseCols = new NDList(sW);
            for (AxisPhase cols : colPlans) {
                if (rows.isEmpty() || cols.isEmpty()) {
                    phaseCols.add(
                            manager.zeros(
                                    new Shape(n, outC, rowsH, rowsW),
                                    input.getDataType(),
                                    input.getDevice()));
                } else {
                    phaseCols.add(phase(padded, wt, rows, cols, sH, sW));
                }
            }
            phaseRows.add(interleave(phaseCols, 4));
        }
        NDArray y = interleave(phaseRows, 3);
        if (y.getShape().get(2) != outH || y.getShape().get(3) != outW) {
            y = y.get(new NDIndex(":, :, :{}, :{}", outH, outW));
        }
        return y;
    }

    /**
     * The multiply-adds the forward pass spends in convolutions and matrix products, for tests
     * and benchmarks.
     */
    static long multiplyAdds(
            Shape inputShape, Shape weightShape, Shape stride, Shape padding, Shape outputPadding) {
        long n = inputShape.get(0);
        long h = inputShape.get(2);
        long w = inputShape.get(3);
        long inC = weightShape.get(0);
        long outC = weightShape.get(1);
        int kH = Math.toIntExact(weightShape.get(2));
        int kW = Math.toIntExact(weightShape.get(3));
        int sH = Math.toIntExact(stride.get(0));
        int sW = Math.toIntExact(stride.get(1));
        int pH = Math.toIntExact(padding.get(0));
        int pW = Math.toIntExact(padding.get(1));
        if (h == 1 && w == 1) {
            return n * inC * outC * kH * kW;
        }
        long outH = outputSize("height", h, kH, sH, pH, outputPadding.get(0));
        long outW = outputSize("width", w, kW, sW, pW, outputPadding.get(1));
        long rowsH = (outH + sH - 1) / sH;
        long rowsW = (outW + sW - 1) / sW;
        long perPair = 0;
        for (AxisPhase rows : AxisPhase.planAll(h, kH, sH, pH, rowsH)) {
            for (AxisPhase cols : AxisPhase.planAll(w, kW, sW, pW, rowsW)) {
                if (!rows.isEmpty() && !cols.isEmpty()) {
                    perPair += rowsH * rows.taps * rowsW * cols.taps;
                }
            }
        }
        return n * inC * outC * perPair;
    }

    /** Adds zero rows above and below and zero columns left and right of {@code x}. */
    private static NDArray padWithZeros(NDArray x, long top, long bottom, long left, long right) {
        NDArray out = x;
        if (left > 0 || right > 0) {
            out = concatZeros(out, 3, left, right);
        }
        if (top > 0 || bottom > 0) {
            out = concatZeros(out, 2, top, bottom);
        }
        return out;
    }

    private static NDArray concatZeros(NDArray x, int axis, long before, long after) {
        NDManager manager = x.getManager();
        NDList parts = new NDList(3);
        // Shape.getShape() returns its own array: copy it before changing a dimension.
        long[] dims = x.getShape().getShape().clone();
        if (before > 0) {
            dims[axis] = before;
            parts.add(manager.zeros(new Shape(dims), x.getDataType(), x.getDevice()));
        }
        parts.add(x);
        if (after > 0) {
            dims[axis] = after;
            parts.add(manager.zeros(new Shape(dims), x.getDataType(), x.getDevice()));
        }
        // The first part may be the zeros: both live in x's manager.
        return NDArrays.concat(parts, axis);
    }

    /**
     * One output phase: an unpadded stride-1 convolution of the window of the zero-padded input
     * that this phase reads, with the flipped sub-kernel. It yields exactly the phase's rows.
     */
    private static NDArray phase(
            NDArray padded, NDArray wt, AxisPhase rows, AxisPhase cols, int sH, int sW) {
        NDArray kernel = wt;
        if (sH > 1 || sW > 1) {
            kernel = wt.get(new NDIndex(":, :, {}::{}, {}::{}", rows.tap, sH, cols.tap, sW));
        }
        if (rows.taps > 1 || cols.taps > 1) {
            kernel = kernel.flip(2, 3);
        }
        Shape ps = padded.getShape();
        NDArray x = padded;
        if (rows.start > 0 || rows.end < ps.get(2) || cols.start > 0 || cols.end < ps.get(3)) {
            x =
                    padded.get(
                            new NDIndex(
                                    ":, :, {}:{}, {}:{}",
                                    rows.start,
                                    rows.end,
                                    cols.start,
                                    cols.end));
        }
        return Conv2d.conv2d(x, kernel, null, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1))
                .singletonOrThrow();
    }

    /**
     * Interleaves equally shaped phases {@code (N, C, A, B)} along height ({@code axis} 3) or
     * width ({@code axis} 4): stack on a new axis after the interleaved one, then merge the two.
     */
    private static NDArray interleave(NDList phases, int axis) {
        if (phases.size() == 1) {
            return phases.head();
        }
        NDArray stacked = NDArrays.stack(phases, axis);
        Shape s = stacked.getShape();
        if (axis == 4) {
            return stacked.reshape(s.get(0), s.get(1), s.get(2), s.get(3) * s.get(4));
        }
        return stacked.reshape(s.get(0), s.get(1), s.get(2) * s.get(3), s.get(4));
    }

    /**
     * How one output phase is computed along one axis.
     *
     * <p>Output index {@code Y = s * j + ph} is full-output index {@code t = Y + p}, which gets the
     * taps {@code a = r + s * m} with {@code r = (ph + p) mod s}, from input index {@code i = q -
     * m} where {@code q = j + d}, {@code d = (ph + p) div s}. So phase {@code ph} is the full
     * stride-1 transposed convolution of the input with the sub-kernel {@code w[r::s]} ({@code
     * taps} long), read from index {@code d} on: a correlation with the flipped sub-kernel over
     * input rows {@code [d - taps + 1, d + rows)}, where rows outside the input are zeros. The
     * window is cut from the input padded with {@code before} zero rows on top, so that the
     * convolution computes exactly {@code rows} outputs, each with {@code taps} multiply-adds.
     */
    private static final class AxisPhase {
        final int tap;
        final int taps;
        /** Zero rows this phase needs before the first input row. */
        final long before;
        /** Zero rows this phase needs after the last input row. */
        final long after;
        /** First row of the window, in the coordinates of the padded input. */
        long start;
        /** End (exclusive) of the window, in the coordinates of the padded input. */
        long end;
        private final long cropStart;
        private final long cropEnd;

        private AxisPhase(
                int tap, int taps, long cropStart, long cropEnd, long before, long after) {
            this.tap = tap;
            this.taps = taps;
            this.cropStart = cropStart;
            this.cropEnd = cropEnd;
            this.before = before;
            this.after = after;
        }

        boolean isEmpty() {
            return taps == 0;
        }

        static AxisPhase[] planAll(long in, int k, int s, int p, long rows) {
            AxisPhase[] plans = new AxisPhase[s];
            for (int ph = 0; ph < s; ph++) {
                plans[ph] = plan(in, k, s, p, rows, ph);
            }
            long top = maxBefore(plans);
            for (AxisPhase plan : plans) {
                plan.start = top + plan.cropStart - plan.before;
                plan.end = top + plan.cropEnd + plan.after;
            }
            return plans;
        }

        static long maxBefore(AxisPhase[] plans) {
            long max = 0;
            for (AxisPhase plan : plans) {
                max = Math.max(max, plan.before);
            }
            return max;
        }

        static long maxAfter(AxisPhase[] plans) {
            long max = 0;
            for (AxisPhase plan : plans) {
                max = Math.max(max, plan.after);
            }
            return max;
        }

        private static AxisPhase plan(long in, int k, int s, int p, long rows, int ph) {
            int r = (ph + p) % s;
            long d = (ph + p) / s;
            int taps = r < k ? (k - r + s - 1) / s : 0;
            if (taps == 0 || d >= in + taps - 1) {
                // No tap lands here, or the window lies past the full output: bias only.
                return new AxisPhase(r, 0, 0, 0, 0, 0);
            }
            long lo = d;
            long hi = d + rows;
            // Full index q reads input rows q - taps + 1 .. q.
            long cropStart = Math.max(0, lo - (taps - 1));
            long cropEnd = Math.min(in, hi);
            long before = Math.max(0, (taps - 1) - (lo - cropStart));
            long after = Math.max(0, hi - cropEnd);
            return new AxisPhase(r, taps, cropStart, cropEnd, before, after);
        }
    }

    /** A builder for {@link TransposedConv2d}; {@code set} values are required. */
    public static final class Builder {

        private int inChannels;
        private int outChannels;
        private Shape kernelShape;
        private Shape stride = new Shape(1, 1);
        private Shape padding = new Shape(0, 0);
        private Shape outputPadding = new Shape(0, 0);
        private boolean includeBias = true;

        private Builder() {}

        /**
         * Sets the number of input channels (required).
         *
         * @param inChannels {@code C_in}, {@code >= 1}
         * @return this builder
         */
        public Builder setInChannels(int inChannels) {
            this.inChannels = inChannels;
            return this;
        }

        /**
         * Sets the number of output channels (required).
         *
         * @param outChannels {@code C_out}, {@code >= 1}
         * @return this builder
         */
        public Builder setOutChannels(int outChannels) {
            this.outChannels = outChannels;
            return this;
        }

        /**
         * Sets the kernel shape (required).
         *
         * @param kernelShape {@code (kH, kW)}, each {@code >= 1}
         * @return this builder
         */
        public Builder setKernelShape(Shape kernelShape) {
            this.kernelShape = kernelShape;
            return this;
        }

        /**
         * Sets a square kernel (required).
         *
         * @param size {@code kH = kW}, {@code >= 1}
         * @return this builder
         */
        public Builder setKernelShape(int size) {
            return setKernelShape(new Shape(size, size));
        }

        /**
         * Sets the stride; default {@code (1, 1)}.
         *
         * @param stride {@code (sH, sW)}, each {@code >= 1}
         * @return this builder
         */
        public Builder optStride(Shape stride) {
            this.stride = stride;
            return this;
        }

        /**
         * Sets the same stride for height and width; default 1.
         *
         * @param stride {@code >= 1}
         * @return this builder
         */
        public Builder optStride(int stride) {
            return optStride(new Shape(stride, stride));
        }

        /**
         * Sets the padding cropped from each side of the full output; default {@code (0, 0)}.
         *
         * @param padding {@code (pH, pW)}, each {@code >= 0}
         * @return this builder
         */
        public Builder optPadding(Shape padding) {
            this.padding = padding;
            return this;
        }

        /**
         * Sets the same padding for height and width; default 0.
         *
         * @param padding {@code >= 0}
         * @return this builder
         */
        public Builder optPadding(int padding) {
            return optPadding(new Shape(padding, padding));
        }

        /**
         * Sets the output padding added at the bottom and right; default {@code (0, 0)}.
         *
         * @param outputPadding {@code (opH, opW)}, each in {@code [0, stride)}
         * @return this builder
         */
        public Builder optOutputPadding(Shape outputPadding) {
            this.outputPadding = outputPadding;
            return this;
        }

        /**
         * Sets the same output padding for height and width; default 0.
         *
         * @param outputPadding in {@code [0, stride)}
         * @return this builder
         */
        public Builder optOutputPadding(int outputPadding) {
            return optOutputPadding(new Shape(outputPadding, outputPadding));
        }

        /**
         * Sets whether the block has a bias; default true.
         *
         * @param includeBias whether to add a learned bias {@code (C_out)}
         * @return this builder
         */
        public Builder optBias(boolean includeBias) {
            this.includeBias = includeBias;
            return this;
        }

        /**
         * Builds the block after checking every setting.
         *
         * @return a new {@code TransposedConv2d}
         * @throws IllegalArgumentException if a setting is missing or out of range
         */
        public TransposedConv2d build() {
            if (inChannels < 1) {
                throw new IllegalArgumentException("inChannels must be >= 1, got " + inChannels);
            }
            if (outChannels < 1) {
                throw new IllegalArgumentException(
                        "outChannels must be >= 1, got " + outChannels);
            }
            if (kernelShape == null) {
                throw new IllegalArgumentException("kernelShape must be set");
            }
            checkPair("kernelShape", kernelShape, 1);
            checkSettings(stride, padding, outputPadding);
            return new TransposedConv2d(this);
        }
    }
}
