package org.gen4j.core.latent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.gen4j.core.random.RandomStream;
import org.junit.jupiter.api.Test;

class InterpolationTest {

    private static float[] gaussian(RandomStream rng, int d) {
        float[] v = new float[d];
        for (int i = 0; i < d; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return v;
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    private static float[] scaled(float[] v, double factor) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] * factor);
        }
        return out;
    }

    private static float[] row(float[] rows, int r, int d) {
        float[] out = new float[d];
        System.arraycopy(rows, r * d, out, 0, d);
        return out;
    }

    @Test
    void endpointsAreExact() {
        RandomStream rng = new RandomStream(1);
        float[] a = gaussian(rng, 100);
        float[] b = gaussian(rng, 100);
        assertThat(Interpolation.slerp(a, b, 0)).containsExactly(a);
        assertThat(Interpolation.slerp(a, b, 1)).containsExactly(b);
        assertThat(Interpolation.lerp(a, b, 0)).containsExactly(a);
        assertThat(Interpolation.lerp(a, b, 1)).containsExactly(b);
    }

    @Test
    void closedFormInTwoDimensions() {
        // a = e1, b = e2: slerp(t) = (cos(t pi/2), sin(t pi/2)).
        float[] a = {1, 0};
        float[] b = {0, 1};
        for (double t : new double[] {0.1, 0.25, 0.5, 0.9}) {
            float[] v = Interpolation.slerp(a, b, t);
            assertThat((double) v[0]).isCloseTo(Math.cos(t * Math.PI / 2), offset(1e-6));
            assertThat((double) v[1]).isCloseTo(Math.sin(t * Math.PI / 2), offset(1e-6));
        }
    }

    @Test
    void normPreservedAndAngleLinearForEqualNorms() {
        RandomStream rng = new RandomStream(2);
        float[] a = gaussian(rng, 64);
        float[] b = scaled(gaussian(rng, 64), 1.0); // rescale b to |a|
        b = scaled(b, norm(a) / norm(b));
        double omega = Interpolation.angle(a, b);
        assertThat(omega).isBetween(0.5, 2.6);
        int steps = 11;
        float[] path = Interpolation.slerpPath(a, b, steps);
        assertThat(path).hasSize(steps * 64);
        for (int i = 0; i < steps; i++) {
            double t = i / (steps - 1.0);
            float[] v = row(path, i, 64);
            assertThat(norm(v)).as("norm at t=%s", t).isCloseTo(norm(a), offset(1e-4 * norm(a)));
            assertThat(Interpolation.angle(a, v)).as("angle at t=%s", t)
                    .isCloseTo(t * omega, offset(1e-4));
            assertThat(Interpolation.angle(v, b)).isCloseTo((1 - t) * omega, offset(1e-4));
        }
        assertThat(row(path, 0, 64)).containsExactly(a);
        assertThat(row(path, steps - 1, 64)).containsExactly(b);
    }

    @Test
    void parallelAndZeroVectorsFallBackToLinearWithoutNaN() {
        float[] a = {1, 2, 3};
        float[] b = {2, 4, 6};
        float[] mid = Interpolation.slerp(a, b, 0.5);
        assertThat(mid).containsExactly(1.5f, 3f, 4.5f);
        float[] same = Interpolation.slerp(a, a, 0.3);
        assertThat(same).containsExactly(a);
        float[] opposite = Interpolation.slerp(a, scaled(a, -1), 0.25);
        assertThat(opposite).containsExactly(0.5f, 1f, 1.5f);
        float[] zero = Interpolation.slerp(new float[3], a, 0.5);
        assertThat(zero).containsExactly(0.5f, 1f, 1.5f);
        // Nearly parallel: no NaN, and close to the linear result.
        float[] c = {1, 2, 3.0000001f};
        for (float x : Interpolation.slerp(a, c, 0.5)) {
            assertThat(x).isFinite();
        }
        for (float x : Interpolation.slerpPath(a, b, 5)) {
            assertThat(x).isFinite();
        }
    }

    @Test
    void lerpPathIsEvenlySpaced() {
        float[] path = Interpolation.lerpPath(new float[] {0, 10}, new float[] {4, 2}, 5);
        assertThat(path).containsExactly(0, 10, 1, 8, 2, 6, 3, 4, 4, 2);
    }

    @Test
    void gridHasOnePathPerRow() {
        RandomStream rng = new RandomStream(3);
        float[][] starts = {gaussian(rng, 8), gaussian(rng, 8)};
        float[][] ends = {gaussian(rng, 8), gaussian(rng, 8)};
        float[] grid = Interpolation.grid(starts, ends, 4);
        assertThat(grid).hasSize(2 * 4 * 8);
        for (int r = 0; r < 2; r++) {
            float[] path = Interpolation.slerpPath(starts[r], ends[r], 4);
            float[] rowValues = new float[4 * 8];
            System.arraycopy(grid, r * 4 * 8, rowValues, 0, rowValues.length);
            assertThat(rowValues).containsExactly(path);
        }
    }

    @Test
    void cornerGridHasTheCornersAndSlerpEdges() {
        RandomStream rng = new RandomStream(4);
        int d = 16;
        float[] tl = gaussian(rng, d);
        float[] tr = gaussian(rng, d);
        float[] bl = gaussian(rng, d);
        float[] br = gaussian(rng, d);
        float[] grid = Interpolation.cornerGrid(tl, tr, bl, br, 3, 5);
        assertThat(grid).hasSize(3 * 5 * d);
        assertThat(row(grid, 0, d)).containsExactly(tl);
        assertThat(row(grid, 4, d)).containsExactly(tr);
        assertThat(row(grid, 10, d)).containsExactly(bl);
        assertThat(row(grid, 14, d)).containsExactly(br);
        float[] top = Interpolation.slerpPath(tl, tr, 5);
        assertThat(row(grid, 2, d)).containsExactly(row(top, 2, d));
        float[] left = Interpolation.slerp(tl, bl, 0.5);
        assertThat(row(grid, 5, d)).containsExactly(left);
    }

    @Test
    void badInputsAreRejectedWithClearMessages() {
        float[] a = {1, 0};
        assertThatThrownBy(() -> Interpolation.slerp(a, new float[] {1, 0, 0}, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vectors a and b must have the same length, got 2 and 3");
        assertThatThrownBy(() -> Interpolation.slerp(a, a, 1.5))
                .hasMessageContaining("t must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> Interpolation.slerp(a, a, Double.NaN))
                .hasMessageContaining("t must be in [0, 1], got NaN");
        assertThatThrownBy(() -> Interpolation.slerp(a, new float[] {Float.NaN, 0}, 0.5))
                .hasMessageContaining("vector b must be finite, got NaN at index 0");
        assertThatThrownBy(() -> Interpolation.slerp(new float[0], new float[0], 0.5))
                .hasMessageContaining("vector a must not be empty");
        assertThatThrownBy(() -> Interpolation.slerpPath(a, a, 1))
                .hasMessageContaining("steps must be >= 2 (both ends included), got 1");
        assertThatThrownBy(() -> Interpolation.grid(new float[][] {a}, new float[0][], 3))
                .hasMessageContaining("got 1 starts and 0 ends");
        assertThatThrownBy(() -> Interpolation.grid(new float[][] {a, {1, 2, 3}},
                new float[][] {a, {1, 2, 3}}, 3))
                .hasMessageContaining("all vectors must have length D = 2");
        assertThatThrownBy(() -> Interpolation.cornerGrid(a, a, a, a, 1, 3))
                .hasMessageContaining("rows must be >= 2");
    }
}
