package org.gen4j.core.metric;

import java.util.Set;

/**
 * A sample-quality or likelihood metric, configured by its options.
 *
 * <p>Metrics are pure functions of their inputs: no engine, no files. Each computation returns a
 * new {@link MetricResult}; a metric holds only its options, so it can be reused.
 */
public interface Metric {

    /** The name it is registered under, for example {@code fid}. */
    String name();

    /** The inputs {@link #compute} reads; others in the {@link MetricInputs} are ignored. */
    Set<MetricInput> inputs();

    /**
     * Computes the metric.
     *
     * @param inputs the inputs; must hold every one of {@link #inputs()}
     * @return the named values, with the settings and sample counts used
     * @throws IllegalArgumentException if an input is missing or invalid (empty, too small,
     *     mismatched dimensions, non-finite values), naming the input and what is accepted
     */
    MetricResult compute(MetricInputs inputs);
}
