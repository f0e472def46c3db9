package org.gen4j.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gen4j.core.data.GaussianMixture;
import org.junit.jupiter.api.Test;

/** The metric input and result types check what they are given and name it in their messages. */
class MetricInputsTest {

    @Test
    void aPointSetKeepsItsValuesRowMajor() {
        PointSet set = PointSet.of("generated features", new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertThat(set.size()).isEqualTo(2);
        assertThat(set.dimension()).isEqualTo(3);
        assertThat(set.get(1, 2)).isEqualTo(6.0);
        assertThat(set.toArray()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(set.row(1)).containsExactly(4, 5, 6);
        assertThat(PointSet.ofFloats("x", new float[] {1, 2, 3, 4}, 2, 2).toRows())
                .isDeepEqualTo(new double[][] {{1, 2}, {3, 4}});
    }

    @Test
    void aPointSetCopiesItsInput() {
        double[][] rows = {{1, 2}};
        PointSet set = PointSet.of("x", rows);
        rows[0][0] = 9;
        set.toArray()[1] = 9;
        assertThat(set.toArray()).containsExactly(1, 2);
    }

    @Test
    void anEmptyPointSetIsRejectedNamingIt() {
        assertThatThrownBy(() -> PointSet.of("reference features", new double[0][]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reference features: the set is empty (0 samples); at least 1 sample is"
                        + " needed");
        assertThatThrownBy(() -> PointSet.ofFlat("reference features", new double[0], 0, 4))
                .hasMessageContaining("reference features: the set is empty");
    }

    @Test
    void raggedRowsAndWrongLengthsAreRejected() {
        assertThatThrownBy(() -> PointSet.of("generated features", new double[][] {{1, 2}, {3}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("generated features: sample 1 has 1 values but sample 0 has 2; all "
                        + "samples need the same dimension");
        assertThatThrownBy(() -> PointSet.ofFlat("generated features", new double[5], 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("generated features: 5 values are not 2 samples of dimension 3 (6 "
                        + "values)");
    }

    @Test
    void nonFiniteValuesAreRejectedWithTheirPlace() {
        assertThatThrownBy(() -> PointSet.of("generated features",
                new double[][] {{1, 2}, {3, Double.NaN}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("generated features: value NaN at sample 1, coordinate 1; every value "
                        + "must be finite");
        assertThatThrownBy(() -> ImageSet.of("target images",
                new float[] {0, Float.POSITIVE_INFINITY, 0, 0}, 2, 1, 1, 2))
                .hasMessage("target images: value Infinity in image 0; every pixel must be finite");
    }

    @Test
    void imagePairsMustMatchInCountAndShape() {
        ImageSet a = ImageSet.of("generated images", new float[8], 2, 1, 2, 2);
        ImageSet b = ImageSet.of("target images", new float[4], 1, 1, 2, 2);
        assertThatThrownBy(() -> MetricInputs.builder().optImagePairs(a, b))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("image pairs: generated images are 2 x (1, 2, 2) but target images are"
                        + " 1 x (1, 2, 2); pairs need the same count and image shape");
        assertThatThrownBy(() -> ImageSet.of("generated images", new float[7], 2, 1, 2, 2))
                .hasMessage("generated images: 7 values are not 2 images of shape (1, 2, 2) (8 "
                        + "values)");
        assertThatThrownBy(() -> ImageSet.of("generated images", new float[0], 0, 1, 2, 2))
                .hasMessageContaining("the set is empty (0 images)");
    }

    @Test
    void requireNamesTheMetricAndEveryMissingInput() {
        MetricInputs inputs = MetricInputs.builder()
                .optGeneratedFeatures(PointSet.of("generated features", new double[][] {{1}}))
                .optSeed(7)
                .build();
        assertThat(inputs.present()).containsExactly(MetricInput.GENERATED_FEATURES);
        assertThat(inputs.seed()).isEqualTo(7);
        inputs.require("fid", EnumSet.of(MetricInput.GENERATED_FEATURES));
        assertThatThrownBy(() -> inputs.require("fid",
                EnumSet.of(MetricInput.GENERATED_FEATURES, MetricInput.REFERENCE_FEATURES)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metric 'fid' needs generated features, reference features; missing: "
                        + "reference features");
        assertThatThrownBy(inputs::likelihoodModel)
                .hasMessage("input 'likelihood model' was not given");
    }

    @Test
    void mixtureModesComeFromAMixtureDataSet() {
        GaussianMixture ring = GaussianMixture.ring(8, 2.0, 0.02, 10, 1L);
        MixtureModes modes = MixtureModes.of(ring);
        assertThat(modes.count()).isEqualTo(8);
        assertThat(modes.dimension()).isEqualTo(2);
        assertThat(modes.std()).isEqualTo(0.02);
        assertThat(modes.centers()).isDeepEqualTo(ring.centers());
        assertThatThrownBy(() -> new MixtureModes(new double[][] {{0, 0}}, 0.0))
                .hasMessage("mixture modes: std must be finite and > 0, got 0.0");
        assertThatThrownBy(() -> new MixtureModes(new double[][] {{0, 0}, {1}}, 1.0))
                .hasMessage("mixture modes: center 1 has dimension 1 but center 0 has 2");
    }

    @Test
    void aResultKeepsItsValuesInOrderAndRejectsNaN() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("kid_mean", 0.5);
        values.put("kid_std", 0.1);
        MetricResult result = new MetricResult("kid", values, Map.of("subsets", 100));
        assertThat(result.values().keySet()).containsExactly("kid_mean", "kid_std");
        assertThat(result.value("kid_std")).isEqualTo(0.1);
        assertThatThrownBy(() -> result.value("kid"))
                .hasMessage("metric 'kid' has no value 'kid'. Its values: [kid_mean, kid_std]");
        assertThatThrownBy(() -> new MetricResult("fid", Map.of("fid", Double.NaN), Map.of()))
                .hasMessage("metric 'fid': value 'fid' is NaN; a number is needed");
        assertThatThrownBy(() -> new MetricResult("fid", Map.of("fid", 1.0),
                Map.of("bad", new int[0])))
                .hasMessageContaining("detail 'bad'");
        assertThat(new MetricResult("psnr", Map.of("psnr", Double.POSITIVE_INFINITY), null)
                .value("psnr")).isInfinite();
    }
}
