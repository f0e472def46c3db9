package org.gen4j.core.random;

/**
 * A seeded random stream whose whole state can be saved and restored, so that a resumed run draws
 * exactly the numbers a straight run would have drawn.
 *
 * <p>The generator is xoshiro256** (Blackman and Vigna), seeded through SplitMix64; Gaussian values
 * come from the Marsaglia polar method, whose spare value is part of the state. The same seed
 * gives the same numbers on every engine and platform. Not thread-safe.
 */
public final class RandomStream {

    private long s0;
    private long s1;
    private long s2;
    private long s3;
    private boolean hasSpare;
    private double spare;

    /** A stream seeded from a 64-bit seed. */
    public RandomStream(long seed) {
        long x = seed;
        x += 0x9E3779B97F4A7C15L;
        s0 = mix(x);
        x += 0x9E3779B97F4A7C15L;
        s1 = mix(x);
        x += 0x9E3779B97F4A7C15L;
        s2 = mix(x);
        x += 0x9E3779B97F4A7C15L;
        s3 = mix(x);
    }

    private RandomStream(State state) {
        restore(state);
    }

    /** A stream that continues from a saved state. */
    public static RandomStream fromState(State state) {
        return new RandomStream(state);
    }

    /**
     * An independent stream derived from this seed and a purpose, so that streams for different
     * purposes (noise, data order, initialisation) never overlap in practice.
     */
    public static RandomStream derive(long seed, String purpose) {
        long h = 1125899906842597L;
        for (int i = 0; i < purpose.length(); i++) {
            h = 31 * h + purpose.charAt(i);
        }
        return new RandomStream(mix(seed ^ mix(h)));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The next 64 random bits. */
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** A uniform int in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be > 0, got " + bound);
        }
        // Lemire's method with rejection: unbiased.
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** A uniform double in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** A uniform float in [0, 1). */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** A standard normal value. */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * Math.log(s) / s);
        spare = v * f;
        hasSpare = true;
        return u * f;
    }

    /** Fills {@code out} with standard normal values scaled by {@code std}. */
    public void fillGaussian(float[] out, float std) {
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (nextGaussian() * std);
        }
    }

    /** Shuffles {@code a} in place (Fisher-Yates). */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** A copy of the whole state. */
    public State state() {
        return new State(s0, s1, s2, s3, hasSpare, spare);
    }

    /** Continues from a saved state. */
    public void restore(State state) {
        if (state.s0() == 0 && state.s1() == 0 && state.s2() == 0 && state.s3() == 0) {
            throw new IllegalArgumentException("random state is all zeros, which xoshiro cannot use");
        }
        s0 = state.s0();
        s1 = state.s1();
        s2 = state.s2();
        s3 = state.s3();
        hasSpare = state.hasSpare();
        spare = state.spare();
    }

    /**
     * The saved state of a stream; plain values, written to checkpoints as JSON.
     *
     * @param s0 first state word
     * @param s1 second state word
     * @param s2 third state word
     * @param s3 fourth state word
     * @param hasSpare whether a Gaussian value is cached
     * @param spare the cached Gaussian value
     */
    public record State(long s0, long s1, long s2, long s3, boolean hasSpare, double spare) {}
}
