package org.gen4j.core.optim;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.util.Options;

/**
 * The learning-rate schedule of a run spec: a registered type and its settings, written flat as
 * {@code {type: cosine, warmup: 200}}.
 *
 * @param type the registered schedule ({@code constant}, {@code linear}, {@code step}, {@code
 *     cosine}, ...)
 * @param settings its settings, without {@code type}; unmodifiable
 */
public record ScheduleSpec(String type, Map<String, Object> settings) {

    /** Validates and copies. */
    public ScheduleSpec {
        Objects.requireNonNull(type, "schedule type is null");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(
                settings == null ? Map.of() : settings));
    }

    /** Constant learning rates: the default. */
    public static ScheduleSpec constant() {
        return new ScheduleSpec(Schedules.CONSTANT, Map.of());
    }

    /** A schedule of a type with settings given as key, value, key, value, ... */
    public static ScheduleSpec of(String type, Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new ScheduleSpec(type, m);
    }

    /** Reads the flat form. */
    @JsonCreator
    public static ScheduleSpec fromMap(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>(map);
        Object type = copy.remove("type");
        if (!(type instanceof String t) || t.isBlank()) {
            throw new IllegalArgumentException("a schedule needs a type (constant, linear, step,"
                    + " cosine, ...), got " + (type == null ? "none" : "'" + type + "'"));
        }
        return new ScheduleSpec(t, copy);
    }

    /** The flat form, {@code type} first. */
    @JsonValue
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.putAll(settings);
        return m;
    }

    /**
     * This spec with every setting of its type written out, checked against a run of {@code
     * totalSteps} (or any length when it is 0 or less, not yet known).
     *
     * @throws IllegalArgumentException on an unknown type or setting, or a value out of range
     */
    public ScheduleSpec resolve(Registry registry, long totalSteps) {
        ScheduleFactory factory = registry.schedule(type);
        Map<String, Object> defaults = factory.defaults();
        Map<String, Object> out = new LinkedHashMap<>(defaults);
        for (Map.Entry<String, Object> e : settings.entrySet()) {
            if (!defaults.containsKey(e.getKey())) {
                throw new IllegalArgumentException("schedule: '" + type + "' has no setting '"
                        + e.getKey() + "'. Its settings: " + defaults.keySet());
            }
            out.put(e.getKey(), e.getValue());
        }
        ScheduleSpec resolved = new ScheduleSpec(type, out);
        if (totalSteps > 0) {
            resolved.create(registry, totalSteps);
        }
        return resolved;
    }

    /** The schedule over a run of {@code totalSteps} updates. */
    public LearningRateSchedule create(Registry registry, long totalSteps) {
        return registry.schedule(type).create(new Options("schedule (" + type + ")", settings),
                totalSteps);
    }
}
