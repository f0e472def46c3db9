package org.gen4j.evaluation.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.gen4j.core.metric.MetricInput;
import org.gen4j.core.metric.MetricInputs;
import org.gen4j.core.metric.MetricResult;
import org.gen4j.core.metric.PointSet;
import org.gen4j.core.util.Options;
import org.gen4j.evaluation.stats.ClassProbabilities;

/**
 * {@value #NAME}: the share of class-conditional samples that a classifier assigns to the class
 * they were generated for (argmax of {@code p(y|x)} equal to the intended label; on ties the first
 * maximal class counts). It measures whether a conditional generator obeys its condition; with
 * the data set's classifier it is bounded by that classifier's own test accuracy.
 *
 * <p>Inputs: class probabilities of the generated samples, their intended labels. Options: none.
 * Values: {@code accuracy}, and {@code class_K} for each class K samples were generated for.
 * Details: {@code generated_count}, {@code classes}.
 */
public final class ConditionalAccuracyMetric extends AbstractMetric {

    /** The registered name. */
    public static final String NAME = "conditional-accuracy";

    /** A conditional-accuracy metric; it takes no options. */
    public ConditionalAccuracyMetric(Options options) {
        super(NAME, MetricInput.GENERATED_PROBABILITIES, MetricInput.INTENDED_LABELS);
        options.checkAllUsed();
    }

    @Override
    MetricResult computeChecked(MetricInputs in) {
        PointSet p = in.generatedProbabilities();
        int[] intended = in.intendedLabels();
        double accuracy = ClassProbabilities.conditionalAccuracy(p, intended);
        double[] perClass = ClassProbabilities.conditionalAccuracyPerClass(p, intended);
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("accuracy", accuracy);
        for (int k = 0; k < perClass.length; k++) {
            if (!Double.isNaN(perClass[k])) {
                values.put("class_" + k, perClass[k]);
            }
        }
        return result(values,
                "generated_count", p.size(),
                "classes", p.dimension());
    }
}
