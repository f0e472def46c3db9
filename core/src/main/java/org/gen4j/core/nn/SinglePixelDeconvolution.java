package org.gen4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/** A 1 x 1 input as one matrix product: one algorithm of {@link TransposedConvolution}. */
final class SinglePixelDeconvolution {

    private SinglePixelDeconvolution() {}

    /**
     * A 1 x 1 input: every output pixel gets exactly one tap, so the full output is one matrix
     * product {@code (N, C_in) x (C_in, C_out * kH * kW)}, then cropped by the padding.
     */
    static NDArray apply(
            NDArray input, NDArray weight, long outH, long outW, int pH, int pW) {
        Shape ws = weight.getShape();
        long n = input.getShape().get(0);
        long inC = ws.get(0);
        long outC = ws.get(1);
        long kH = ws.get(2);
        long kW = ws.get(3);
        NDArray w2 = TransposedConvolution.own(weight.reshape(inC, outC * kH * kW), input.getManager());
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
}
