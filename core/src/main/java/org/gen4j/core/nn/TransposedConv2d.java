package org.gen4j.core.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

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
 * first layer of a DCGAN generator) is a single matrix product with exactly that count. When the
 * kernel is a multiple of the stride and the output padding at most the padding, all the phases
 * run as one convolution instead, with the phase kernels stacked as filters, then one interleave
 * and one crop: {@code ((H + k/s - 1) / H)^2} of that count (1.31 at 7 x 7 for k4 s2), for far
 * fewer operators.
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
        return new NDList(TransposedConvolution.transposedConv2d(x, w, b, stride, padding,
                outputPadding));
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
                    TransposedConvolution.outputSize(
                            "height",
                            in.get(2),
                            kernelShape.get(0),
                            stride.get(0),
                            padding.get(0),
                            outputPadding.get(0)),
                    TransposedConvolution.outputSize(
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
            TransposedConvolution.checkPair("kernelShape", kernelShape, 1);
            TransposedConvolution.checkSettings(stride, padding, outputPadding);
            return new TransposedConv2d(this);
        }
    }
}
