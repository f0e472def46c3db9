package org.gen4j.evaluation.metrics;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.gen4j.core.metric.Metric;
import org.gen4j.core.metric.MetricInput;
import org.gen4j.core.metric.MetricInputs;
import org.gen4j.core.metric.MetricResult;
import org.gen4j.core.metric.PointSet;

/**
 * The shared frame of the evaluation metrics: checks that every input is present, and prefixes the
 * messages of bad input with the metric's name.
 */
abstract class AbstractMetric implements Metric {

    private final String name;
    private final Set<MetricInput> inputs;

    AbstractMetric(String name, MetricInput first, MetricInput... rest) {
        this.name = name;
        this.inputs = Collections.unmodifiableSet(EnumSet.of(first, rest));
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<MetricInput> inputs() {
        return inputs;
    }

    @Override
    public final MetricResult compute(MetricInputs in) {
        Objects.requireNonNull(in, "inputs is null");
        in.require(name, inputs);
        try {
            return computeChecked(in);
        } catch (IllegalArgumentException e) {
            String prefix = "metric '" + name + "': ";
            if (e.getMessage() != null && e.getMessage().startsWith(prefix)) {
                throw e;
            }
            throw new IllegalArgumentException(prefix + e.getMessage(), e);
        }
    }

    /** Computes the metric; every input of {@link #inputs()} is present. */
    abstract MetricResult computeChecked(MetricInputs in);

    /** A result with values and details given as alternating keys and values. */
    final MetricResult result(Map<String, Double> values, Object... details) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < details.length; i += 2) {
            map.put((String) details[i], details[i + 1]);
        }
        return new MetricResult(name, values, map);
    }

    /** An ordered map of values given as alternating names and numbers. */
    static Map<String, Double> values(Object... pairs) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], ((Number) pairs[i + 1]).doubleValue());
        }
        return map;
    }

    /** Fails unless both sets have one dimension (they come from one feature network). */
    static void checkSameDimension(PointSet generated, PointSet reference) {
        if (generated.dimension() != reference.dimension()) {
            throw new IllegalArgumentException(generated.name() + " have dimension "
                    + generated.dimension() + " but " + reference.name() + " have dimension "
                    + reference.dimension() + "; both must come from the same feature network");
        }
    }
}
