package org.gen4j.bench;

/**
 * Bicubic upsampling by an integer factor, the baseline of super-resolution papers: Keys' cubic
 * convolution kernel with {@code a = -0.5} (MATLAB's and PIL's bicubic), sample positions at the
 * centres of the output pixels mapped back to the input ({@code (o + 0.5) / s - 0.5}), the
 * border pixels repeated outside the image, the result clipped to [-1, 1].
 */
final class Bicubic {

    private Bicubic() {}

    /** Upsamples {@code n} images {@code (c, h, w)} to {@code (c, h s, w s)}. */
    static float[] upscale(float[] images, int n, int c, int h, int w, int s) {
        int oh = h * s;
        int ow = w * s;
        float[] out = new float[n * c * oh * ow];
        for (int img = 0; img < n * c; img++) {
            int in = img * h * w;
            int o = img * oh * ow;
            for (int r = 0; r < oh; r++) {
                double y = (r + 0.5) / s - 0.5;
                int y0 = (int) Math.floor(y);
                for (int q = 0; q < ow; q++) {
                    double x = (q + 0.5) / s - 0.5;
                    int x0 = (int) Math.floor(x);
                    double sum = 0;
                    for (int i = -1; i <= 2; i++) {
                        double wy = kernel(y - (y0 + i));
                        int yy = Math.min(h - 1, Math.max(0, y0 + i));
                        for (int j = -1; j <= 2; j++) {
                            int xx = Math.min(w - 1, Math.max(0, x0 + j));
                            sum += wy * kernel(x - (x0 + j)) * images[in + yy * w + xx];
                        }
                    }
                    out[o + r * ow + q] = (float) Math.max(-1, Math.min(1, sum));
                }
            }
        }
        return out;
    }

    /** Keys' kernel with a = -0.5. */
    static double kernel(double t) {
        double x = Math.abs(t);
        double a = -0.5;
        if (x <= 1) {
            return (a + 2) * x * x * x - (a + 3) * x * x + 1;
        }
        if (x < 2) {
            return a * x * x * x - 5 * a * x * x + 8 * a * x - 4 * a;
        }
        return 0;
    }
}
