package org.gen4j.core.util;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The options of one component (a loss, an architecture, a data set), read with range checks.
 *
 * <p>Each read records its key; {@link #checkAllUsed()} then fails on any key nobody read, so a
 * typo in a spec is an error rather than a silently ignored setting. Messages name the owner, the
 * key, the value and the accepted range.
 */
public final class Options {

    private final String owner;
    private final Map<String, Object> values;
    private final Set<String> used = new TreeSet<>();

    /**
     * Wraps the options of one component.
     *
     * @param owner what the options belong to, for messages (for example "loss 'minimax'")
     * @param values the raw values (numbers, strings, booleans); copied
     */
    public Options(String owner, Map<String, ?> values) {
        this.owner = owner;
        this.values = new LinkedHashMap<>(values == null ? Map.of() : values);
    }

    /** Options with no values. */
    public static Options empty(String owner) {
        return new Options(owner, Map.of());
    }

    /** What these options belong to. */
    public String owner() {
        return owner;
    }

    /** The raw values, unmodifiable. */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /** Whether a value is set for the key. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** A double in [min, max], or the default when absent. */
    public double getDouble(String key, double defaultValue, double min, double max) {
        used.add(key);
        Object raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        double value;
        if (raw instanceof Number n) {
            value = n.doubleValue();
        } else {
            try {
                value = Double.parseDouble(raw.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        owner + ": option '" + key + "' must be a number, got '" + raw + "'", e);
            }
        }
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(
                    owner + ": option '" + key + "' must be in [" + min + ", " + max + "], got "
                            + raw);
        }
        return Float32.check(owner + ": option '" + key + "'", value);
    }

    /**
     * A double in (exclusiveMin, max], or the default when absent: for values that must be
     * strictly positive, such as a learning rate.
     */
    public double getDoubleAbove(String key, double defaultValue, double exclusiveMin,
            double max) {
        double v = getDouble(key, defaultValue, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY);
        if (!(v > exclusiveMin && v <= max)) {
            throw new IllegalArgumentException(owner + ": option '" + key + "' must be in ("
                    + exclusiveMin + ", " + max + "], got " + values.get(key));
        }
        return v;
    }

    /** A double in [min, exclusiveMax), or the default when absent: for decay rates below 1. */
    public double getDoubleBelow(String key, double defaultValue, double min,
            double exclusiveMax) {
        double v = getDouble(key, defaultValue, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY);
        if (!(v >= min && v < exclusiveMax)) {
            throw new IllegalArgumentException(owner + ": option '" + key + "' must be in ["
                    + min + ", " + exclusiveMax + "), got " + values.get(key));
        }
        return v;
    }

    /** A long in [min, max], or the default when absent. */
    public long getLong(String key, long defaultValue, long min, long max) {
        used.add(key);
        Object raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        long value;
        try {
            value = raw instanceof Number n && !(raw instanceof Double || raw instanceof Float)
                    ? n.longValue()
                    : Long.parseLong(raw.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    owner + ": option '" + key + "' must be an integer, got '" + raw + "'", e);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    owner + ": option '" + key + "' must be in [" + min + ", " + max + "], got "
                            + raw);
        }
        return value;
    }

    /** A string, or the default when absent. */
    public String getString(String key, String defaultValue) {
        used.add(key);
        Object raw = values.get(key);
        return raw == null ? defaultValue : raw.toString();
    }

    /** An int in [min, max], or the default when absent. */
    public int getInt(String key, int defaultValue, int min, int max) {
        return (int) getLong(key, defaultValue, min, max);
    }

    /** A boolean ("true"/"false"), or the default when absent. */
    public boolean getBoolean(String key, boolean defaultValue) {
        used.add(key);
        Object raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        if (raw instanceof Boolean b) {
            return b;
        }
        String s = raw.toString().trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new IllegalArgumentException(
                owner + ": option '" + key + "' must be true or false, got '" + raw + "'");
    }

    /** A string from the allowed set, or the default when absent. */
    public String getChoice(String key, String defaultValue, Set<String> allowed) {
        used.add(key);
        Object raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        String s = raw.toString();
        if (!allowed.contains(s)) {
            throw new IllegalArgumentException(
                    owner + ": option '" + key + "' must be one of " + new TreeSet<>(allowed)
                            + ", got '" + s + "'");
        }
        return s;
    }

    /**
     * Fails if a key was set that no read asked for.
     *
     * @throws IllegalArgumentException naming the unknown keys and the known ones
     */
    public void checkAllUsed() {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(used);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    owner + ": unknown option" + (unknown.size() > 1 ? "s " : " ") + unknown
                            + ". Known options: " + used);
        }
    }
}
