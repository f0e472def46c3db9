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
 * The optimizer of one network in a run spec: a registered type and its settings, written flat
 * as {@code {type: adam, lr: 2.0e-4, beta1: 0.5}}.
 *
 * <p>A resolved spec holds every setting of the type ({@link OptimizerFactory#defaults()} under
 * what the user wrote), so that the stored spec records what the run used.
 *
 * @param type the registered optimizer ({@code adam}, {@code rmsprop}, {@code sgd}, ...)
 * @param settings its settings, without {@code type}; unmodifiable
 */
public record OptimizerSpec(String type, Map<String, Object> settings) {

    /** Validates and copies. */
    public OptimizerSpec {
        Objects.requireNonNull(type, "optimizer type is null");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(
                settings == null ? Map.of() : settings));
        if (settings.containsKey("type")) {
            throw new IllegalArgumentException("optimizer settings must not repeat 'type'");
        }
    }

    /** Reads the flat form {@code {type: ..., key: value, ...}}. */
    @JsonCreator
    public static OptimizerSpec fromMap(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>(map);
        Object type = copy.remove("type");
        if (!(type instanceof String t) || t.isBlank()) {
            throw new IllegalArgumentException("an optimizer needs a type (adam, rmsprop, sgd,"
                    + " ...), got " + (type == null ? "none" : "'" + type + "'"));
        }
        return new OptimizerSpec(t, copy);
    }

    /** The flat form, {@code type} first. */
    @JsonValue
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.putAll(settings);
        return m;
    }

    /** Adam with a learning rate and betas (eps 1e-8, no weight decay). */
    public static OptimizerSpec adam(double lr, double beta1, double beta2) {
        return new OptimizerSpec(Optimizers.ADAM, Map.of("lr", lr, "beta1", beta1, "beta2", beta2,
                "eps", 1e-8, "weight-decay", 0.0)).ordered();
    }

    /** RMSprop with a learning rate and decay rho (written {@code beta2}; eps 1e-8). */
    public static OptimizerSpec rmsprop(double lr, double rho) {
        return new OptimizerSpec(Optimizers.RMSPROP, Map.of("lr", lr, "beta2", rho, "eps", 1e-8,
                "weight-decay", 0.0)).ordered();
    }

    /** SGD with a learning rate and momentum. */
    public static OptimizerSpec sgd(double lr, double momentum) {
        return new OptimizerSpec(Optimizers.SGD, Map.of("lr", lr, "momentum", momentum))
                .ordered();
    }

    /** The DCGAN paper's Adam: lr 2e-4, beta1 0.5, beta2 0.999. */
    public static OptimizerSpec dcganAdam() {
        return adam(2e-4, 0.5, 0.999);
    }

    private OptimizerSpec ordered() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : new String[] {"lr", "beta1", "beta2", "momentum", "eps", "weight-decay"}) {
            if (settings.containsKey(k)) {
                m.put(k, settings.get(k));
            }
        }
        m.putAll(settings);
        return new OptimizerSpec(type, m);
    }

    /** A copy with one setting changed. */
    public OptimizerSpec with(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(settings);
        m.put(key, value);
        return new OptimizerSpec(type, m);
    }

    /** A copy with another learning rate. */
    public OptimizerSpec withLr(double lr) {
        return with("lr", lr);
    }

    /**
     * This spec with every setting of its type: the type's defaults, then {@code base}'s values
     * of settings the type has (a spec being resumed, a procedure's default of another type),
     * then this spec's own. A setting of this spec that the type lacks is an error.
     *
     * @param registry where the type is found
     * @param key the spec key, for messages ({@code optimizers.generator})
     * @param base settings to start from, or null
     * @throws IllegalArgumentException on an unknown type or setting, or a value out of range
     */
    public OptimizerSpec resolve(Registry registry, String key, OptimizerSpec base) {
        OptimizerFactory factory = registry.optimizer(type);
        Map<String, Object> defaults = factory.defaults();
        Map<String, Object> out = new LinkedHashMap<>(defaults);
        if (base != null) {
            base.settings.forEach((k, v) -> {
                if (defaults.containsKey(k)) {
                    out.put(k, v);
                }
            });
        }
        for (Map.Entry<String, Object> e : settings.entrySet()) {
            if (!defaults.containsKey(e.getKey())) {
                throw new IllegalArgumentException(key + ": optimizer '" + type + "' has no"
                        + " setting '" + e.getKey() + "'. Its settings: " + defaults.keySet());
            }
            out.put(e.getKey(), e.getValue());
        }
        OptimizerSpec resolved = new OptimizerSpec(type, out);
        resolved.create(registry, key).close();
        return resolved;
    }

    /**
     * A new optimizer of this type and settings.
     *
     * @param key the spec key, for messages
     */
    public Optimizer create(Registry registry, String key) {
        return registry.optimizer(type).create(new Options(key + " (" + type + ")", settings));
    }
}
