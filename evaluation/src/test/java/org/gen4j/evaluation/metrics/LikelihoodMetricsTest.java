package org.gen4j.evaluation.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.gen4j.core.data.SampleSet;
import org.gen4j.core.metric.MetricInputs;
import org.gen4j.core.metric.MetricResult;
import org.gen4j.core.model.LikelihoodModel;
import org.gen4j.core.util.Options;
import org.junit.jupiter.api.Test;

/** nll and bits-per-dim with closed-form models whose likelihood is computed by hand. */
class LikelihoodMetricsTest {

    /** Held-out images of 8-bit values served as v / 127.5 - 1, shape (1, 2, 2). */
    private static SampleSet images(int[][] values) {
        return new SampleSet() {
            @Override
            public int size() {
                return values.length;
            }

            @Override
            public Shape sampleShape() {
                return new Shape(1, 2, 2);
            }

            @Override
            public void copySample(int index, float[] dst, int offset) {
                for (int i = 0; i < 4; i++) {
                    dst[offset + i] = values[index][i] / 127.5f - 1;
                }
            }

            @Override
            public boolean hasLabels() {
                return false;
            }

            @Override
            public int label(int index) {
                return 0;
            }

            @Override
            public int numClasses() {
                return 0;
            }

            @Override
            public String description() {
                return "test images";
            }
        };
    }

    /**
     * A categorical over the 256 values of each pixel, independent across pixels, with
     * P(v) proportional to v + 1: -ln P(x) = sum_i -ln((v_i + 1) / Z), Z = 256 * 257 / 2.
     */
    private static class CategoricalModel implements LikelihoodModel {
        int calls;

        @Override
        public String id() {
            return "categorical";
        }

        @Override
        public Shape sampleShape() {
            return new Shape(1, 2, 2);
        }

        @Override
        public boolean exact() {
            return true;
        }

        @Override
        public double[] negativeLogLikelihood(float[] batch, int n) {
            calls++;
            double z = 256.0 * 257 / 2;
            double[] out = new double[n];
            for (int s = 0; s < n; s++) {
                for (int i = 0; i < 4; i++) {
                    long v = Math.round((batch[s * 4 + i] + 1) * 127.5);
                    out[s] -= Math.log((v + 1) / z);
                }
            }
            return out;
        }
    }

    private static MetricInputs inputs(LikelihoodModel model, SampleSet data) {
        return MetricInputs.builder().optLikelihood(model, data).build();
    }

    @Test
    void nllAndBitsPerDimOfACategoricalModelMatchTheHandComputation() {
        int[][] values = {{0, 255, 10, 100}, {3, 3, 3, 3}, {200, 1, 0, 77}};
        double z = 256.0 * 257 / 2;
        double expected = 0;
        for (int[] v : values) {
            for (int x : v) {
                expected -= Math.log((x + 1) / z);
            }
        }
        expected /= values.length;
        CategoricalModel model = new CategoricalModel();
        MetricResult nll = new NllMetric(new Options("m", Map.of("batch-size", 2)))
                .compute(inputs(model, images(values)));
        assertThat(model.calls).as("batches of 2 for 3 samples").isEqualTo(2);
        assertThat(nll.value("nll")).isCloseTo(expected, within(1e-12));
        assertThat(nll.details()).containsEntry("exact", true).containsEntry("bound", "exact")
                .containsEntry("samples", 3).containsEntry("dimensions", 4)
                .containsEntry("model", "categorical");
        MetricResult bpd = new BitsPerDimMetric(Options.empty("m"))
                .compute(inputs(new CategoricalModel(), images(values)));
        assertThat(bpd.value("bits_per_dim")).isCloseTo(expected / (4 * Math.log(2)),
                within(1e-12));
    }

    @Test
    void aUniformModelScoresEightBitsPerDimAndItsStdErrorIsZero() {
        LikelihoodModel uniform = new CategoricalModel() {
            @Override
            public double[] negativeLogLikelihood(float[] batch, int n) {
                double[] out = new double[n];
                java.util.Arrays.fill(out, 4 * Math.log(256));
                return out;
            }
        };
        MetricResult bpd = new BitsPerDimMetric(Options.empty("m"))
                .compute(inputs(uniform, images(new int[][] {{1, 2, 3, 4}, {5, 6, 7, 8}})));
        assertThat(bpd.value("bits_per_dim")).isCloseTo(8.0, within(1e-14));
        assertThat(bpd.value("bits_per_dim_std_error")).isZero();
    }

    @Test
    void aDequantisedGaussianDensityIsAnUpperBoundFlaggedAsSuch() {
        // An independent N(0, 1) density over [-1, 1]-scaled values: its dequantised NLL per
        // sample is sum_i (x_i^2 / 2 + ln sqrt(2 pi)) - D ln(2/255); evaluated at the bin's
        // lower corner (u = 0) for a deterministic check.
        LikelihoodModel gaussian = new CategoricalModel() {
            @Override
            public boolean exact() {
                return false;
            }

            @Override
            public String id() {
                return "gaussian";
            }

            @Override
            public double[] negativeLogLikelihood(float[] batch, int n) {
                double[] out = new double[n];
                for (int s = 0; s < n; s++) {
                    double density = 0;
                    for (int i = 0; i < 4; i++) {
                        double x = batch[s * 4 + i];
                        density += x * x / 2 + 0.5 * Math.log(2 * Math.PI);
                    }
                    out[s] = LikelihoodModel.discreteFromDensity(density, 4,
                            LikelihoodModel.GEN4J_BIN_WIDTH);
                }
                return out;
            }
        };
        int[][] values = {{0, 255, 128, 64}};
        double expected = 4 * Math.log(127.5) + 4 * 0.5 * Math.log(2 * Math.PI);
        for (int v : values[0]) {
            double x = v / 127.5f - 1;
            expected += x * x / 2;
        }
        MetricResult nll = new NllMetric(Options.empty("m")).compute(inputs(gaussian,
                images(values)));
        assertThat(nll.value("nll")).isCloseTo(expected, within(1e-9));
        assertThat(nll.details()).containsEntry("exact", false)
                .containsEntry("bound", "upper bound");
    }

    @Test
    void badModelsAndDataAreReported() {
        LikelihoodModel other = new CategoricalModel() {
            @Override
            public Shape sampleShape() {
                return new Shape(3, 2, 2);
            }
        };
        assertThatThrownBy(() -> new NllMetric(Options.empty("m"))
                .compute(inputs(other, images(new int[][] {{1, 2, 3, 4}}))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metric 'nll': held-out data (test images) has samples of shape "
                        + "(1, 2, 2) but likelihood model 'categorical' expects (3, 2, 2)");
        LikelihoodModel broken = new CategoricalModel() {
            @Override
            public double[] negativeLogLikelihood(float[] batch, int n) {
                double[] out = super.negativeLogLikelihood(batch, n);
                out[n - 1] = Double.NaN;
                return out;
            }
        };
        assertThatThrownBy(() -> new NllMetric(Options.empty("m"))
                .compute(inputs(broken, images(new int[][] {{1, 2, 3, 4}, {1, 1, 1, 1}}))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("likelihood model 'categorical' returned the NLL NaN for held-out "
                        + "sample 1; NLLs must be finite");
        assertThatThrownBy(() -> new NllMetric(Options.empty("m"))
                .compute(inputs(new CategoricalModel(), images(new int[0][]))))
                .hasMessage("metric 'nll': held-out data (test images) is empty (0 samples); at "
                        + "least 1 sample is needed");
        assertThatThrownBy(() -> new NllMetric(Options.empty("m"))
                .compute(MetricInputs.builder().build()))
                .hasMessage("metric 'nll' needs likelihood model, held-out data; missing: "
                        + "likelihood model, held-out data");
    }
}
