package org.gen4j.core.data;

import ai.djl.ndarray.types.Shape;
import java.util.Objects;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.util.Options;

/**
 * Points drawn from an equal-weight mixture of isotropic Gaussians, the standard test of mode
 * coverage for generative models; the label of a point is the index of its mode.
 *
 * <p>Two conventions of the mode-collapse literature are registered as data sets:
 * {@value #RING_NAME}, 8 modes evenly spaced on a circle of radius 2 with standard deviation 0.02
 * (Metz et al., "Unrolled Generative Adversarial Networks", 2017), and {@value #GRID_NAME}, a 5 x 5
 * grid at {-4, -2, 0, 2, 4} with standard deviation 0.05 (Srivastava et al., "VEEGAN", 2017).
 * {@link #centers()} and {@link #std()} let a metric count covered modes and high-quality samples.
 *
 * <p>The points are drawn once, when the set is built, from a {@link RandomStream} derived from the
 * seed and the set's name, so that the same seed always gives the same points and the data stream
 * never coincides with the trainer's noise stream.
 */
public final class GaussianMixture implements SampleSet {

    /** The name of the 8-mode ring. */
    public static final String RING_NAME = "gaussian-ring-8";

    /** The name of the 25-mode grid. */
    public static final String GRID_NAME = "gaussian-grid-25";

    /** The default number of samples of the registered sets. */
    public static final int DEFAULT_SIZE = 10_000;

    /** The largest number of samples the registered sets accept. */
    public static final int MAX_SIZE = 10_000_000;

    private final String name;
    private final double[][] centers;
    private final double std;
    private final float[] points;
    private final int[] labels;

    /**
     * Draws {@code size} points: for each, a mode chosen uniformly, then its center plus Gaussian
     * noise of standard deviation {@code std} in every coordinate.
     *
     * @param name the name, for descriptions and the derivation of the random stream
     * @param centers the mode centers, all of the same dimension; copied
     * @param std the standard deviation of each mode, &gt;= 0
     * @param size the number of points, &gt; 0
     * @param seed the seed
     */
    public GaussianMixture(String name, double[][] centers, double std, int size, long seed) {
        this.name = Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(centers, "centers is null");
        if (centers.length == 0 || centers[0].length == 0) {
            throw new IllegalArgumentException(
                    name + ": needs at least one center of dimension >= 1");
        }
        int dim = centers[0].length;
        this.centers = new double[centers.length][];
        for (int k = 0; k < centers.length; k++) {
            if (centers[k].length != dim) {
                throw new IllegalArgumentException(
                        name + ": center " + k + " has dimension " + centers[k].length
                                + " but center 0 has " + dim);
            }
            this.centers[k] = centers[k].clone();
        }
        if (!(std >= 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException(name + ": std must be finite and >= 0, got " + std);
        }
        if (size <= 0 || (long) size * dim > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    name + ": size must be in [1, " + (Integer.MAX_VALUE - 8) / dim + "], got "
                            + size);
        }
        this.std = std;
        this.points = new float[size * dim];
        this.labels = new int[size];
        RandomStream random = RandomStream.derive(seed, "dataset:" + name);
        for (int i = 0; i < size; i++) {
            int k = random.nextInt(centers.length);
            labels[i] = k;
            for (int d = 0; d < dim; d++) {
                points[i * dim + d] = (float) (this.centers[k][d] + std * random.nextGaussian());
            }
        }
    }

    /**
     * The ring: {@code modes} centers at angles {@code 2 pi k / modes} on a circle.
     *
     * @param modes the number of modes, &gt; 0 (8 in the literature)
     * @param radius the radius of the circle (2 in the literature)
     * @param std the standard deviation of each mode (0.02 in the literature)
     * @param size the number of points
     * @param seed the seed
     */
    public static GaussianMixture ring(int modes, double radius, double std, int size, long seed) {
        return new GaussianMixture(RING_NAME, ringCenters(modes, radius), std, size, seed);
    }

    /**
     * The grid: {@code side x side} centers spaced {@code spacing} apart, centred on the origin.
     *
     * @param side the number of modes per side, &gt; 0 (5 in the literature)
     * @param spacing the distance between neighbouring modes (2 in the literature)
     * @param std the standard deviation of each mode (0.05 in the literature)
     * @param size the number of points
     * @param seed the seed
     */
    public static GaussianMixture grid(int side, double spacing, double std, int size, long seed) {
        return new GaussianMixture(GRID_NAME, gridCenters(side, spacing), std, size, seed);
    }

    /** The centers of the ring, mode k at angle {@code 2 pi k / modes}. */
    public static double[][] ringCenters(int modes, double radius) {
        if (modes <= 0) {
            throw new IllegalArgumentException("ring modes must be > 0, got " + modes);
        }
        double[][] c = new double[modes][];
        for (int k = 0; k < modes; k++) {
            double a = 2 * Math.PI * k / modes;
            c[k] = new double[] {radius * Math.cos(a), radius * Math.sin(a)};
        }
        return c;
    }

    /** The centers of the grid, mode {@code i * side + j} at {@code (x_i, y_j)}. */
    public static double[][] gridCenters(int side, double spacing) {
        if (side <= 0) {
            throw new IllegalArgumentException("grid side must be > 0, got " + side);
        }
        double[][] c = new double[side * side][];
        double offset = (side - 1) / 2.0;
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                c[i * side + j] = new double[] {(i - offset) * spacing, (j - offset) * spacing};
            }
        }
        return c;
    }

    /** The factory of the 8-mode ring: options {@code size} (default 10,000) and {@code std}. */
    public static DatasetFactory ringFactory() {
        return new MixtureFactory(RING_NAME,
                "8 Gaussians on a circle of radius 2, std 0.02 (Metz et al. unrolled GAN): "
                        + "mode-coverage test; options size, std",
                0.02) {
            @Override
            GaussianMixture create(double std, int size, long seed) {
                return ring(8, 2.0, std, size, seed);
            }
        };
    }

    /** The factory of the 25-mode grid: options {@code size} (default 10,000) and {@code std}. */
    public static DatasetFactory gridFactory() {
        return new MixtureFactory(GRID_NAME,
                "25 Gaussians on a 5x5 grid at -4..4 step 2, std 0.05 (VEEGAN): mode-coverage "
                        + "test; options size, std",
                0.05) {
            @Override
            GaussianMixture create(double std, int size, long seed) {
                return grid(5, 2.0, std, size, seed);
            }
        };
    }

    /** The mixture's name, for example {@value #RING_NAME}. */
    public String name() {
        return name;
    }

    /** The mode centers, {@code [mode][coordinate]}; a copy. */
    public double[][] centers() {
        double[][] c = new double[centers.length][];
        for (int k = 0; k < centers.length; k++) {
            c[k] = centers[k].clone();
        }
        return c;
    }

    /** The standard deviation of each mode. */
    public double std() {
        return std;
    }

    /** The dimension of the points. */
    public int dimension() {
        return centers[0].length;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public Shape sampleShape() {
        return new Shape(dimension());
    }

    @Override
    public void copySample(int index, float[] dst, int offset) {
        Objects.checkIndex(index, labels.length);
        int dim = dimension();
        System.arraycopy(points, index * dim, dst, offset, dim);
    }

    @Override
    public boolean hasLabels() {
        return true;
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public int numClasses() {
        return centers.length;
    }

    @Override
    public String description() {
        return name + " (" + labels.length + " points, " + centers.length + " modes, std " + std
                + ")";
    }

    private abstract static class MixtureFactory implements DatasetFactory {
        private final String name;
        private final String description;
        private final double defaultStd;

        MixtureFactory(String name, String description, double defaultStd) {
            this.name = name;
            this.description = description;
            this.defaultStd = defaultStd;
        }

        abstract GaussianMixture create(double std, int size, long seed);

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public SampleSet load(Options options, long seed) {
            int size = options.getInt("size", DEFAULT_SIZE, 1, MAX_SIZE);
            double std = options.getDouble("std", defaultStd, 0.0, 10.0);
            options.checkAllUsed();
            return create(std, size, seed);
        }
    }
}
