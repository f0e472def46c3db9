package org.gen4j.models.autoregressive.procedure;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.gen4j.core.nn.Relu;
import org.gen4j.core.nn.Residual;
import org.gen4j.models.autoregressive.nn.MaskedConv2d;

/**
 * The cached sampler of a network of masked convolutions, ReLUs and residual connections
 * (PixelCNN): the fast generation of Ramachandran et al. (2017) for convolutional
 * autoregressive models. By causality the activations of every layer at a position are final
 * once the values before it are known, so the sampler keeps every layer's activations and, for
 * each new value, computes each layer at the current position only, from the cached activations
 * of the layer below in its kernel's kept taps. The work per value is one position's worth
 * instead of a whole network pass.
 *
 * <p>It runs on the JVM from the network's weights (read once per call), image by image in
 * parallel; the naive sampler and this one draw the same images from the same stream up to
 * float rounding, which moves a draw only when its uniform lies within rounding of the
 * probability.
 */
final class ConvStackSampler {

    /** One layer of the compiled network, evaluated at one position of every image. */
    private sealed interface Op permits Conv, Rectify, Add {}

    /** A masked convolution from map {@code src} to map {@code dst}, over its kept taps. */
    private record Conv(int src, int dst, int in, int out, int[] dr, int[] dc, float[] w,
            float[] bias) implements Op {}

    /** ReLU from map {@code src} to map {@code dst}. */
    private record Rectify(int src, int dst) implements Op {}

    /** {@code dst = a + b}: a residual connection. */
    private record Add(int a, int b, int dst) implements Op {}

    private final List<Op> ops;
    private final int[] channels;
    private final int output;

    private ConvStackSampler(List<Op> ops, List<Integer> channels, int output) {
        this.ops = ops;
        this.channels = channels.stream().mapToInt(Integer::intValue).toArray();
        this.output = output;
    }

    /** The compiled sampler of {@code network}, if it is made only of the layers it knows. */
    static Optional<ConvStackSampler> of(Block network, int inputChannels) {
        List<Op> ops = new ArrayList<>();
        List<Integer> channels = new ArrayList<>(List.of(inputChannels));
        int out = compile(network, 0, ops, channels);
        return out < 0 ? Optional.empty() : Optional.of(new ConvStackSampler(ops, channels, out));
    }

    /** Appends the ops of {@code block} reading map {@code src}; the output map, or -1. */
    private static int compile(Block block, int src, List<Op> ops, List<Integer> channels) {
        if (block instanceof SequentialBlock seq) {
            int at = src;
            for (Block child : seq.getChildren().values()) {
                at = compile(child, at, ops, channels);
                if (at < 0) {
                    return -1;
                }
            }
            return at;
        }
        if (block instanceof Relu) {
            int dst = newMap(channels, channels.get(src));
            ops.add(new Rectify(src, dst));
            return dst;
        }
        if (block instanceof Residual res) {
            int body = compile(res.getBody(), src, ops, channels);
            if (body < 0) {
                return -1;
            }
            int dst = newMap(channels, channels.get(src));
            ops.add(new Add(src, body, dst));
            return dst;
        }
        if (block instanceof MaskedConv2d conv) {
            int dst = newMap(channels, conv.outChannels());
            ops.add(conv(conv, src, dst));
            return dst;
        }
        return -1;
    }

    private static int newMap(List<Integer> channels, int c) {
        channels.add(c);
        return channels.size() - 1;
    }

    /** The kept taps of a masked convolution, weights laid out {@code [tap][in][out]}. */
    private static Conv conv(MaskedConv2d conv, int src, int dst) {
        int in = conv.inChannels();
        int out = conv.outChannels();
        int kh = conv.kernelHeight();
        int kw = conv.kernelWidth();
        float[] weight = conv.maskedWeight();
        List<int[]> taps = new ArrayList<>();
        for (int r = 0; r < kh; r++) {
            for (int q = 0; q < kw; q++) {
                boolean any = false;
                for (int o = 0; o < out && !any; o++) {
                    for (int i = 0; i < in && !any; i++) {
                        any = weight[((o * in + i) * kh + r) * kw + q] != 0f;
                    }
                }
                if (any) {
                    taps.add(new int[] {r, q});
                }
            }
        }
        int[] dr = new int[taps.size()];
        int[] dc = new int[taps.size()];
        float[] w = new float[taps.size() * in * out];
        for (int t = 0; t < taps.size(); t++) {
            int r = taps.get(t)[0];
            int q = taps.get(t)[1];
            dr[t] = r - kh / 2;
            dc[t] = q - kw / 2;
            for (int i = 0; i < in; i++) {
                for (int o = 0; o < out; o++) {
                    w[(t * in + i) * out + o] = weight[((o * in + i) * kh + r) * kw + q];
                }
            }
        }
        return new Conv(src, dst, in, out, dr, dc, w, conv.biasValues());
    }

    /** The activations of every layer of {@code n} images of {@code h x w}, channels last. */
    final class State {
        private final float[][] maps;
        private final int h;
        private final int w;

        State(int n, int h, int w) {
            this.h = h;
            this.w = w;
            maps = new float[channels.length][];
            for (int m = 0; m < channels.length; m++) {
                maps[m] = new float[n * h * w * channels[m]];
            }
        }

        /** Sets value {@code ch} of pixel {@code (r, c)} of image {@code i}. */
        void set(int i, int r, int c, int ch, float value) {
            maps[0][((i * h + r) * w + c) * channels[0] + ch] = value;
        }

        /**
         * Computes every layer at pixel {@code (r, c)} of every image and returns the outputs
         * there, {@code k C} per image (output {@code j} of channel {@code ch} at {@code j C +
         * ch}).
         */
        float[] at(int r, int c) {
            int n = maps[0].length / (h * w * channels[0]);
            IntStream.range(0, n).parallel().forEach(i -> {
                for (Op op : ops) {
                    run(op, i, r, c);
                }
            });
            int k = channels[output];
            float[] out = new float[n * k];
            for (int i = 0; i < n; i++) {
                System.arraycopy(maps[output], ((i * h + r) * w + c) * k, out, i * k, k);
            }
            return out;
        }

        private void run(Op op, int i, int r, int c) {
            int pos = (i * h + r) * w + c;
            if (op instanceof Conv v) {
                conv(v, i, r, c, pos);
            } else if (op instanceof Rectify v) {
                int k = channels[v.src()];
                float[] src = maps[v.src()];
                float[] dst = maps[v.dst()];
                for (int q = pos * k; q < (pos + 1) * k; q++) {
                    dst[q] = Math.max(src[q], 0f);
                }
            } else if (op instanceof Add v) {
                int k = channels[v.dst()];
                float[] a = maps[v.a()];
                float[] b = maps[v.b()];
                float[] dst = maps[v.dst()];
                for (int q = pos * k; q < (pos + 1) * k; q++) {
                    dst[q] = a[q] + b[q];
                }
            }
        }

        private void conv(Conv v, int i, int r, int c, int pos) {
            float[] src = maps[v.src()];
            float[] dst = maps[v.dst()];
            int base = pos * v.out();
            System.arraycopy(v.bias(), 0, dst, base, v.out());
            for (int t = 0; t < v.dr().length; t++) {
                int rr = r + v.dr()[t];
                int cc = c + v.dc()[t];
                if (rr < 0 || rr >= h || cc < 0 || cc >= w) {
                    continue;
                }
                int from = ((i * h + rr) * w + cc) * v.in();
                for (int q = 0; q < v.in(); q++) {
                    float a = src[from + q];
                    if (a == 0f) {
                        continue;
                    }
                    int wo = (t * v.in() + q) * v.out();
                    for (int o = 0; o < v.out(); o++) {
                        dst[base + o] += v.w()[wo + o] * a;
                    }
                }
            }
        }
    }
}
