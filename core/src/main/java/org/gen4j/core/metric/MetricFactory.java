package org.gen4j.core.metric;

import org.gen4j.core.spi.NamedFactory;
import org.gen4j.core.util.Options;

/**
 * Creates a metric from its options (for example {@code subsets} and {@code subset-size} for
 * {@code kid}, {@code k} for {@code precision-recall}).
 *
 * <p>Registered with {@link org.gen4j.core.spi.GenBindings#addMetric} and found with
 * {@link org.gen4j.core.spi.Registry#metric}.
 */
public interface MetricFactory extends NamedFactory {

    /**
     * A new metric.
     *
     * @throws IllegalArgumentException on an unknown option or a value out of range
     */
    Metric create(Options options);
}
