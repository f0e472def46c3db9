package org.gen4j.core.nn;

import ai.djl.ndarray.types.Shape;
import java.util.stream.Stream;
import org.gen4j.core.random.RandomStream;

/**
 * Transposed-convolution configurations and their scalar reference, shared by the block's tests
 * and the tests of each algorithm.
 */
final class TransposedConvCases {

    private TransposedConvCases() {}

    /** One configuration: batch, channels, input size, kernel, stride, padding, output padding. */
    record Case(
            String name,
            int n,
            int inC,
            int outC,
            int h,
            int w,
            int kH,
            int kW,
            int sH,
            int sW,
            int pH,
            int pW,
            int opH,
            int opW,
            boolean bias) {

        int outH() {
            return (h - 1) * sH - 2 * pH + kH + opH;
        }

        int outW() {
            return (w - 1) * sW - 2 * pW + kW + opW;
        }

        TransposedConv2d block() {
            return TransposedConv2d.builder()
                    .setInChannels(inC)
                    .setOutChannels(outC)
                    .setKernelShape(new Shape(kH, kW))
                    .optStride(new Shape(sH, sW))
                    .optPadding(new Shape(pH, pW))
                    .optOutputPadding(new Shape(opH, opW))
                    .optBias(bias)
                    .build();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Case square(
            String name, int n, int inC, int outC, int size, int k, int s, int p, int op, boolean b) {
        return new Case(name, n, inC, outC, size, size, k, k, s, s, p, p, op, op, b);
    }

    static Stream<Case> cases() {
        return Stream.of(
                square("k4 s2 p1 128->64 4x4", 2, 128, 64, 4, 4, 2, 1, 0, true),
                square("k4 s2 p1 64->1 7x7", 2, 64, 1, 7, 4, 2, 1, 0, true),
                square("k4 s1 p0 1x1 (DCGAN first layer)", 3, 16, 8, 1, 4, 1, 0, 0, true),
                square("k4 s2 p1 1x1", 2, 5, 3, 1, 4, 2, 1, 0, true),
                square("k4 s1 p0 3x3", 1, 3, 2, 3, 4, 1, 0, 0, true),
                square("k3 s2 p1 op1", 2, 4, 3, 5, 3, 2, 1, 1, true),
                square("k3 s2 p1 op0", 2, 4, 3, 5, 3, 2, 1, 0, true),
                square("k5 s2 p2", 1, 3, 2, 6, 5, 2, 2, 0, true),
                square("k1 s3 p0 (kernel < stride)", 2, 3, 2, 4, 1, 3, 0, 0, true),
                square("k2 s3 p0 op2 (kernel < stride)", 1, 2, 2, 3, 2, 3, 0, 2, true),
                square("k3 s1 p1", 2, 5, 4, 6, 3, 1, 1, 0, true),
                square("k2 s2 p2 (padding > k - 1)", 1, 2, 3, 6, 2, 2, 2, 0, true),
                square("k3 s2 p3 (phases outside)", 1, 2, 2, 4, 3, 2, 3, 0, true),
                square("k1 s3 p1 op2 1x1 (bias only)", 2, 2, 1, 1, 1, 3, 1, 2, true),
                square("k4 s2 p1 no bias", 1, 4, 4, 5, 4, 2, 1, 0, false),
                square("k4 s1 p0 1x1 no bias", 2, 3, 1, 1, 4, 1, 0, 0, false),
                new Case("rect k3x5 s2x3 p1x2 op1x0", 2, 3, 4, 5, 4, 3, 5, 2, 3, 1, 2, 1, 0, true),
                new Case("rect k4x2 s1x2 p0x0", 1, 2, 3, 3, 5, 4, 2, 1, 2, 0, 0, 0, 1, false),
                new Case("rect input 1x4 k3 s2", 2, 3, 2, 1, 4, 3, 3, 2, 2, 1, 0, 1, 0, true));
    }

    static double atol(double[] expected) {
        double max = 0;
        for (double v : expected) {
            max = Math.max(max, Math.abs(v));
        }
        return 1e-5 * Math.max(max, 1e-3);
    }

    static float[] gaussian(RandomStream rng, int size, float std) {
        float[] out = new float[size];
        rng.fillGaussian(out, std);
        return out;
    }

    /** Output and the gradients of {@code sum(y * r)}, in double precision. */
    record Reference(double[] y, double[] dx, double[] dw, double[] db) {}

    /**
     * The scatter form, straight from the definition: {@code y[n, o, i*s + a - p, j*s + b - p] +=
     * x[n, c, i, j] * w[c, o, a, b]}, and its gradients from the same loop.
     */
    static Reference reference(Case c, float[] x, float[] w, float[] b, float[] r) {
        int outH = c.outH();
        int outW = c.outW();
        double[] y = new double[c.n() * c.outC() * outH * outW];
        double[] dx = new double[x.length];
        double[] dw = new double[w.length];
        double[] db = new double[c.outC()];
        for (int n = 0; n < c.n(); n++) {
            for (int o = 0; o < c.outC(); o++) {
                for (int yy = 0; yy < outH; yy++) {
                    for (int xx = 0; xx < outW; xx++) {
                        int yi = ((n * c.outC() + o) * outH + yy) * outW + xx;
                        y[yi] = b[o];
                        db[o] += r[yi];
                    }
                }
            }
            for (int ci = 0; ci < c.inC(); ci++) {
                for (int i = 0; i < c.h(); i++) {
                    for (int j = 0; j < c.w(); j++) {
                        int xi = ((n * c.inC() + ci) * c.h() + i) * c.w() + j;
                        for (int o = 0; o < c.outC(); o++) {
                            for (int a = 0; a < c.kH(); a++) {
                                int yy = i * c.sH() + a - c.pH();
                                if (yy < 0 || yy >= outH) {
                                    continue;
                                }
                                for (int bb = 0; bb < c.kW(); bb++) {
                                    int xx = j * c.sW() + bb - c.pW();
                                    if (xx < 0 || xx >= outW) {
                                        continue;
                                    }
                                    int wi = ((ci * c.outC() + o) * c.kH() + a) * c.kW() + bb;
                                    int yi = ((n * c.outC() + o) * outH + yy) * outW + xx;
                                    y[yi] += (double) x[xi] * w[wi];
                                    dx[xi] += (double) r[yi] * w[wi];
                                    dw[wi] += (double) r[yi] * x[xi];
                                }
                            }
                        }
                    }
                }
            }
        }
        return new Reference(y, dx, dw, db);
    }

}
