package org.gen4j.evaluation.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The tiny TorchScript and ONNX networks that bench/reference/feature_networks.py made with
 * PyTorch, their weights as plain numbers, and a plain-Java forward pass of the RGB one.
 */
final class TinyNetworks {

    static final String FOLDER = "/org/gen4j/evaluation/features/files/";
    static final float[] MEAN = {0.5f, 0.45f, 0.4f};
    static final float[] STD = {0.25f, 0.2f, 0.3f};
    static final ObjectMapper JSON = new ObjectMapper();

    private TinyNetworks() {}

    /** Copies a resource (and its sidecar, when it has one) into {@code dir}. */
    static Path copy(String name, Path dir) {
        try {
            Path target = dir.resolve(name);
            try (InputStream in = resource(name)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            if (TinyNetworks.class.getResource(FOLDER + name + ".json") != null) {
                try (InputStream in = resource(name + ".json")) {
                    Files.copy(in, dir.resolve(name + ".json"),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String name) {
        try (InputStream in = resource(name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }

    private static InputStream resource(String name) {
        InputStream in = TinyNetworks.class.getResourceAsStream(FOLDER + name);
        if (in == null) {
            throw new IllegalStateException("test resource " + FOLDER + name + " is missing");
        }
        return in;
    }

    /** The RGB network computed in plain Java (double), from its weights file. */
    static final class PlainRgb {
        private final float[] w1;
        private final float[] b1;
        private final float[] w2;
        private final float[] b2;
        private final float[] fw;
        private final float[] fb;

        PlainRgb() {
            JsonNode w = json("tiny-rgb.weights.json");
            w1 = floats(w.get("conv1.weight").get("values"));
            b1 = floats(w.get("conv1.bias").get("values"));
            w2 = floats(w.get("conv2.weight").get("values"));
            b2 = floats(w.get("conv2.bias").get("values"));
            fw = floats(w.get("fc.weight").get("values"));
            fb = floats(w.get("fc.bias").get("values"));
        }

        /**
         * Features (8) and logits (5) of one (3, 16, 16) image already normalised.
         *
         * @return {@code [features, logits]}
         */
        double[][] forward(float[] x, int offset) {
            double[] h1 = conv(x, offset, 3, 16, w1, b1, 8, 1);
            double[] h2 = conv(toFloats(h1), 0, 8, 16, w2, b2, 8, 2);
            int plane = 8 * 8;
            double[] f = new double[8];
            for (int c = 0; c < 8; c++) {
                double s = 0;
                for (int i = 0; i < plane; i++) {
                    s += h2[c * plane + i];
                }
                f[c] = s / plane;
            }
            double[] logits = new double[5];
            for (int k = 0; k < 5; k++) {
                double s = fb[k];
                for (int c = 0; c < 8; c++) {
                    s += fw[k * 8 + c] * f[c];
                }
                logits[k] = s;
            }
            return new double[][] {f, logits};
        }

        private static float[] toFloats(double[] v) {
            float[] out = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = (float) v[i];
            }
            return out;
        }

        /** A 3x3 convolution, padding 1, then ReLU, on a square input of side {@code size}. */
        private static double[] conv(float[] x, int offset, int in, int size, float[] w,
                float[] b, int out, int stride) {
            int os = (size + 2 - 3) / stride + 1;
            double[] y = new double[out * os * os];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < os; i++) {
                    for (int j = 0; j < os; j++) {
                        double s = b[o];
                        for (int c = 0; c < in; c++) {
                            for (int di = 0; di < 3; di++) {
                                int r = i * stride + di - 1;
                                if (r < 0 || r >= size) {
                                    continue;
                                }
                                for (int dj = 0; dj < 3; dj++) {
                                    int q = j * stride + dj - 1;
                                    if (q < 0 || q >= size) {
                                        continue;
                                    }
                                    s += w[((o * in + c) * 3 + di) * 3 + dj]
                                            * x[offset + (c * size + r) * size + q];
                                }
                            }
                        }
                        y[(o * os + i) * os + j] = Math.max(0, s);
                    }
                }
            }
            return y;
        }
    }

    /** Maps images in [0, 1] to gen4j's [-1, 1]. */
    static float[] toGen4j(float[] zeroOne) {
        float[] out = new float[zeroOne.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = zeroOne[i] * 2 - 1;
        }
        return out;
    }

    /** Normalises (3, 16, 16) images in [0, 1] as the RGB network's contract does. */
    static float[] normalise(float[] zeroOne) {
        float[] out = new float[zeroOne.length];
        int plane = 16 * 16;
        for (int i = 0; i < out.length; i++) {
            int c = (i / plane) % 3;
            out[i] = (zeroOne[i] - MEAN[c]) / STD[c];
        }
        return out;
    }
}
