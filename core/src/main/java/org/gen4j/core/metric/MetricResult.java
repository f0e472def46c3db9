package org.gen4j.core.metric;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one metric computed: named values (for example {@code kid_mean} and {@code kid_std}) and the
 * details that make them reproducible (options used, sample counts, dimensions).
 *
 * <p>Values may be infinite where the metric defines it (PSNR of identical images); they are
 * never NaN. Details hold JSON scalars only: strings, booleans, integers and doubles.
 *
 * @param metric the registered name of the metric
 * @param values the values in the metric's documented order; copied, unmodifiable
 * @param details settings and counts in insertion order; copied, unmodifiable
 */
public record MetricResult(String metric, Map<String, Double> values, Map<String, Object> details) {

    /** Checks the fields and copies the maps. */
    public MetricResult {
        Objects.requireNonNull(metric, "metric is null");
        Objects.requireNonNull(values, "values is null");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        values.forEach((k, v) -> {
            if (v == null || v.isNaN()) {
                throw new IllegalArgumentException("metric '" + metric + "': value '" + k
                        + "' is " + v + "; a number is needed");
            }
        });
        details = Collections.unmodifiableMap(
                new LinkedHashMap<>(details == null ? Map.of() : details));
        details.forEach((k, v) -> {
            if (!(v instanceof String || v instanceof Boolean || v instanceof Integer
                    || v instanceof Long || v instanceof Double)) {
                throw new IllegalArgumentException("metric '" + metric + "': detail '" + k
                        + "' is " + v + "; details are strings, booleans, integers or doubles");
            }
        });
    }

    /**
     * The value named {@code key}.
     *
     * @throws IllegalArgumentException naming the values there are when there is none
     */
    public double value(String key) {
        Double v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("metric '" + metric + "' has no value '" + key
                    + "'. Its values: " + values.keySet());
        }
        return v;
    }
}
