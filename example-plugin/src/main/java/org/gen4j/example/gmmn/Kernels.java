package org.gen4j.example.gmmn;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.gen4j.core.engine.Scalars;
import org.gen4j.core.util.Options;

/**
 * The kernels this plugin registers: {@code gaussian}, a sum of Gaussian kernels {@code exp(-d /
 * (2 s^2))} over the bandwidths of GMMN's paper (Li, Swersky and Zemel 2015), and {@code
 * inverse-multiquadric}, {@code c / (c + d)}, whose heavy tails keep gradients alive far from the
 * data.
 */
final class Kernels {

    private Kernels() {}

    static List<KernelFactory> all() {
        return List.of(gaussian(), inverseMultiquadric());
    }

    private static KernelFactory gaussian() {
        return new KernelFactory() {
            @Override
            public String name() {
                return "gaussian";
            }

            @Override
            public String description() {
                return "A sum of Gaussian kernels at bandwidths 0.5, 1, 2, ... times the option"
                        + " scale";
            }

            @Override
            public Kernel create(Options options) {
                double scale = options.getDoubleAbove("scale", 1, 0, 1e6);
                int count = options.getInt("bandwidths", 3, 1, 10);
                options.checkAllUsed();
                return d -> {
                    NDArray sum = null;
                    for (int i = 0; i < count; i++) {
                        double s = scale * 0.5 * Math.pow(2, i);
                        NDArray k = Scalars.mul(d, (float) (-1 / (2 * s * s))).exp();
                        sum = sum == null ? k : sum.add(k);
                    }
                    return sum;
                };
            }
        };
    }

    private static KernelFactory inverseMultiquadric() {
        return new KernelFactory() {
            @Override
            public String name() {
                return "inverse-multiquadric";
            }

            @Override
            public String description() {
                return "c / (c + ||x - y||^2), option c";
            }

            @Override
            public Kernel create(Options options) {
                float c = (float) options.getDoubleAbove("c", 1, 0, 1e6);
                options.checkAllUsed();
                return d -> Scalars.mul(Scalars.pow(d.add(c), -1), c);
            }
        };
    }
}
