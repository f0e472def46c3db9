package org.gen4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.Objects;
import org.gen4j.core.engine.EngineKernels;

/**
 * The 2-D transposed convolution as functions: the one {@link TransposedConv2d} computes, and
 * the input gradient of a convolution that the vector-Jacobian-product route of gradient
 * penalties needs.
 *
 * <p>Each call checks the shapes and settings, then takes the engine's own kernel where one is on
 * the class path ({@link TransposedConvKernel}: the PyTorch engine's, in {@code engine-pytorch}),
 * else one of five algorithms, all exact: MXNet's native deconvolution where it is safe ({@link
 * NativeDeconvolution}), kernel 4 stride 2 padding 1 with few output channels as one convolution
 * and depth-to-space, or for one channel as tap maps and their placement ({@link
 * SubPixelDeconvolution}), a 1 x 1 input as one matrix product ({@link
 * SinglePixelDeconvolution}), a kernel that is a multiple of the stride as every phase in one
 * convolution ({@link StackedPhaseDeconvolution}), and otherwise one stride-1 convolution per
 * output phase ({@link PhaseDeconvolution}). See {@link TransposedConv2d} for the definition and the output size.
 */
public final class TransposedConvolution {

    static final String NAME = "TransposedConv2d";

    /** Set to {@code false} to use the phase decomposition on MXNet too. */
    public static final String NATIVE_PROPERTY = NativeDeconvolution.PROPERTY;

    /** Set to {@code false} to use the phase decomposition for kernel 4, stride 2, padding 1. */
    public static final String SUBPIXEL_PROPERTY = SubPixelDeconvolution.PROPERTY;

    /** Set to {@code false} to use one convolution per phase instead of all phases in one. */
    public static final String STACKED_PHASES_PROPERTY = StackedPhaseDeconvolution.PROPERTY;

    private TransposedConvolution() {}

    /** A scope of {@link #phasesOnly()}; closing it ends it. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Opens a scope in which, on this thread, every transposed convolution takes an algorithm
     * other than MXNet's native deconvolution. MXNet 1.9's MKL-DNN deconvolution fails in the
     * backward pass ("could not execute a primitive") when one weight serves two passes of the
     * same graph, as both generators do in CycleGAN's update ({@code F(b)} and {@code F(G(a))});
     * a procedure that runs a network twice under one gradient collection opens this scope
     * around it. Scopes nest.
     */
    public static Scope phasesOnly() {
        int[] depth = NativeDeconvolution.SUPPRESSED.get();
        depth[0]++;
        boolean[] open = {true};
        return () -> {
            if (open[0]) {
                open[0] = false;
                depth[0]--;
            }
        };
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

    static NDArray transposedConv2d(
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
        TransposedConvKernel kernel = EngineKernels.find(TransposedConvKernel.class, input);
        if (kernel != null) {
            NDArray y = kernel.apply(input, weight, stride, padding, outputPadding);
            return bias == null ? y : y.add(own(bias.reshape(1, outC, 1, 1), manager));
        }
        if (mayUseNative && NativeDeconvolution.applies(manager) && outC > 1 && kH >= sH && kW >= sW
                && pH < kH
                && pW < kW) {
            return NativeDeconvolution.apply(input, weight, bias, kH, kW, sH, sW, pH, pW,
                    outputPadding.get(0), outputPadding.get(1), outC);
        }
        NDArray y;
        if (kH == 4 && kW == 4 && sH == 2 && sW == 2 && pH == 1 && pW == 1
                && outputPadding.get(0) == 0 && outputPadding.get(1) == 0 && outC <= 8
                && SubPixelDeconvolution.enabled()) {
            y = SubPixelDeconvolution.apply(input, weight);
        } else if (xs.get(2) == 1 && xs.get(3) == 1) {
            y = SinglePixelDeconvolution.apply(input, weight, outH, outW, pH, pW);
        } else if (StackedPhaseDeconvolution.applies(kH, kW, sH, sW, pH, pW,
                outputPadding.get(0), outputPadding.get(1))) {
            y = StackedPhaseDeconvolution.apply(input, weight, sH, sW, pH, pW, outH, outW);
        } else {
            y = PhaseDeconvolution.apply(input, weight, sH, sW, pH, pW, outH, outW);
        }
        if (bias != null) {
            NDArray b = own(bias.reshape(1, outC, 1, 1), manager);
            y = y.add(b);
        }
        return y;
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

    static long outputSize(
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

    static void checkSettings(Shape stride, Shape padding, Shape outputPadding) {
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

    static void checkPair(String name, Shape value, long min) {
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
    static NDArray own(NDArray temporary, NDManager manager) {
        temporary.attach(manager);
        return temporary;
    }
}
