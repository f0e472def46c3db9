package org.gen4j.evaluation.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.gen4j.core.metric.PointSet;
import org.junit.jupiter.api.Test;

/** The classifier score and conditional accuracy against hand computations. */
class ClassProbabilitiesTest {

    private static PointSet probs(double[][] rows) {
        return PointSet.of("class probabilities of the generated samples", rows);
    }

    @Test
    void aTwoRowExampleWorkedByHand() {
        // p1 = (1, 0), p2 = (1/2, 1/2): p(y) = (3/4, 1/4); KL1 = ln(4/3),
        // KL2 = 1/2 ln(2/3) + 1/2 ln 2 = 1/2 ln(4/3); score = exp(3/4 ln(4/3)) = (4/3)^(3/4).
        ClassProbabilities.SplitScores s = ClassProbabilities.classifierScore(
                probs(new double[][] {{1, 0}, {0.5, 0.5}}), 1);
        assertThat(s.mean()).isCloseTo(Math.pow(4.0 / 3, 0.75), within(1e-15));
        assertThat(s.std()).isZero();
    }

    @Test
    void confidentEvenPredictionsScoreTheClassCountAndIdenticalOnesScoreOne() {
        int classes = 10;
        double[][] oneHot = new double[200][classes];
        double[][] same = new double[200][classes];
        for (int i = 0; i < 200; i++) {
            oneHot[i][i % classes] = 1;
            same[i][0] = 0.3;
            same[i][1] = 0.7;
        }
        ClassProbabilities.SplitScores s = ClassProbabilities.classifierScore(probs(oneHot), 10);
        assertThat(s.scores()).hasSize(10);
        for (double v : s.scores()) {
            assertThat(v).isCloseTo(classes, within(1e-12));
        }
        assertThat(ClassProbabilities.classifierScore(probs(same), 4).mean())
                .isCloseTo(1.0, within(1e-15));
    }

    @Test
    void splitsAreConsecutiveChunksWithMeanAndPopulationStd() {
        // First half one-hot over 2 classes (score 2), second half identical rows (score 1).
        double[][] rows = new double[8][];
        for (int i = 0; i < 4; i++) {
            rows[i] = i % 2 == 0 ? new double[] {1, 0} : new double[] {0, 1};
            rows[i + 4] = new double[] {0.5, 0.5};
        }
        ClassProbabilities.SplitScores s = ClassProbabilities.classifierScore(probs(rows), 2);
        assertThat(s.scores()[0]).isCloseTo(2.0, within(1e-15));
        assertThat(s.scores()[1]).isCloseTo(1.0, within(1e-15));
        assertThat(s.mean()).isCloseTo(1.5, within(1e-15));
        assertThat(s.std()).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void conditionalAccuracyCountsArgmaxHitsWithTheFirstMaximumOnTies() {
        double[][] rows = {{0.1, 0.9}, {0.6, 0.4}, {0.5, 0.5}, {0.2, 0.8}};
        assertThat(ClassProbabilities.conditionalAccuracy(probs(rows), new int[] {1, 1, 0, 0}))
                .isEqualTo(0.5);
    }

    @Test
    void badProbabilitiesAndLabelsAreRejected() {
        assertThatThrownBy(() -> ClassProbabilities.classifierScore(
                probs(new double[][] {{0.5, 0.5}, {2.0, -1.0}}), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sample 1 has the negative probability -1.0 for class 1");
        assertThatThrownBy(() -> ClassProbabilities.classifierScore(
                probs(new double[][] {{0.5, 0.4}}), 1))
                .hasMessageContaining("the probabilities of sample 0 sum to 0.9; rows must sum to"
                        + " 1 within 1.0E-4 (softmax outputs, not logits)");
        assertThatThrownBy(() -> ClassProbabilities.classifierScore(
                probs(new double[][] {{1, 0}, {0, 1}}), 3))
                .hasMessage("classifier-score: splits must be in [1, 2] (at most one split per "
                        + "sample of class probabilities of the generated samples), got 3");
        assertThatThrownBy(() -> ClassProbabilities.conditionalAccuracy(
                probs(new double[][] {{1, 0}}), new int[] {2}))
                .hasMessage("conditional-accuracy: intended label 2 of sample 0 is outside [0, 2)"
                        + " (the 2 classes of the classifier)");
        assertThatThrownBy(() -> ClassProbabilities.conditionalAccuracy(
                probs(new double[][] {{1, 0}}), new int[] {0, 1}))
                .hasMessageContaining("2 intended labels for 1 samples");
    }
}
