package org.gen4j.models.translation;

/**
 * Plain-Java scalar references of the layers the translation networks are made of, in doubles,
 * on one image {@code [channel][row][column]}.
 */
final class Scalar {

    private Scalar() {}

    /**
     * A 2-D convolution with a square kernel: {@code weight} row-major {@code (C_out, C_in, k,
     * k)}, zero padding {@code pad} on every side; {@code bias} may be null.
     */
    static double[][][] conv(double[][][] x, float[] weight, float[] bias, int out, int k,
            int stride, int pad) {
        int in = x.length;
        int h = x[0].length;
        int w = x[0][0].length;
        int oh = (h + 2 * pad - k) / stride + 1;
        int ow = (w + 2 * pad - k) / stride + 1;
        if (weight.length != out * in * k * k) {
            throw new IllegalArgumentException("weight has " + weight.length + " values, not "
                    + out + "x" + in + "x" + k + "x" + k);
        }
        double[][][] y = new double[out][oh][ow];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double s = bias == null ? 0 : bias[o];
                    for (int c = 0; c < in; c++) {
                        for (int a = 0; a < k; a++) {
                            for (int b = 0; b < k; b++) {
                                int r = i * stride + a - pad;
                                int q = j * stride + b - pad;
                                if (r >= 0 && r < h && q >= 0 && q < w) {
                                    s += x[c][r][q] * weight[((o * in + c) * k + a) * k + b];
                                }
                            }
                        }
                    }
                    y[o][i][j] = s;
                }
            }
        }
        return y;
    }

    /**
     * A 2-D transposed convolution as PyTorch's ConvTranspose2d: {@code weight} row-major {@code
     * (C_in, C_out, k, k)}, {@code y[o][i*s + a - p][j*s + b - p] += x[c][i][j] * w[c][o][a][b]},
     * output {@code (H - 1) * s - 2p + k + outputPadding}; {@code bias} may be null.
     */
    static double[][][] transposedConv(double[][][] x, float[] weight, float[] bias, int out,
            int k, int stride, int pad, int outputPadding) {
        int in = x.length;
        int h = x[0].length;
        int w = x[0][0].length;
        int oh = (h - 1) * stride - 2 * pad + k + outputPadding;
        int ow = (w - 1) * stride - 2 * pad + k + outputPadding;
        if (weight.length != in * out * k * k) {
            throw new IllegalArgumentException("weight has " + weight.length + " values, not "
                    + in + "x" + out + "x" + k + "x" + k);
        }
        double[][][] y = new double[out][oh][ow];
        for (int o = 0; o < out; o++) {
            for (double[] row : y[o]) {
                java.util.Arrays.fill(row, bias == null ? 0 : bias[o]);
            }
        }
        for (int c = 0; c < in; c++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    for (int o = 0; o < out; o++) {
                        for (int a = 0; a < k; a++) {
                            for (int b = 0; b < k; b++) {
                                int r = i * stride + a - pad;
                                int q = j * stride + b - pad;
                                if (r >= 0 && r < oh && q >= 0 && q < ow) {
                                    y[o][r][q] += x[c][i][j]
                                            * weight[((c * out + o) * k + a) * k + b];
                                }
                            }
                        }
                    }
                }
            }
        }
        return y;
    }

    /** The image {@code n} of a row-major {@code (N, C, H, W)} array. */
    static double[][][] image(float[] values, int n, int c, int h, int w) {
        double[][][] x = new double[c][h][w];
        for (int ch = 0; ch < c; ch++) {
            for (int r = 0; r < h; r++) {
                for (int q = 0; q < w; q++) {
                    x[ch][r][q] = values[((n * c + ch) * h + r) * w + q];
                }
            }
        }
        return x;
    }
}
