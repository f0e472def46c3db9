package org.gen4j.core.spec;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One key of a run spec: its name, type, default and range, and a line of description.
 *
 * <p>The common keys are {@link CommonKeys}; each training procedure declares its own ({@code
 * n-critic} for a GAN, {@code beta} for a VAE) through {@link
 * org.gen4j.core.procedure.ProcedureFactory#keys()}. A spec binds every value through its key, so
 * a value of the wrong type or out of range is an error naming the key and what it accepts, and a
 * procedure reads typed values with {@link RunSpec#get(SpecKey)}.
 *
 * @param <T> the Java type of the value
 */
public final class SpecKey<T> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final String description;
    private final String accepts;
    private final T defaultValue;
    private final Function<JsonNode, T> binder;

    private SpecKey(String name, String description, String accepts, T defaultValue,
            Function<JsonNode, T> binder) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.description = Objects.requireNonNull(description, "description is null");
        this.accepts = accepts;
        this.defaultValue = defaultValue;
        this.binder = binder;
    }

    /** An integer key in [min, max]. */
    public static SpecKey<Integer> integer(String name, int defaultValue, int min, int max,
            String description) {
        String range = "an integer in [" + min + ", " + max + "]";
        return new SpecKey<>(name, description, range, defaultValue,
                n -> (int) integral(name, n, min, max, range));
    }

    /** A long integer key in [min, max]. */
    public static SpecKey<Long> longInteger(String name, long defaultValue, long min, long max,
            String description) {
        String range = "an integer in [" + min + ", " + max + "]";
        return new SpecKey<>(name, description, range, defaultValue,
                n -> integral(name, n, min, max, range));
    }

    /** A number key in [min, max]. */
    public static SpecKey<Double> number(String name, double defaultValue, double min, double max,
            String description) {
        String range = "a number in [" + min + ", " + max + "]";
        return new SpecKey<>(name, description, range, defaultValue, n -> {
            if (!n.isNumber()) {
                throw wrong(name, n, range);
            }
            double v = n.doubleValue();
            if (!(v >= min && v <= max)) {
                throw new IllegalArgumentException(name + " must be in [" + min + ", " + max
                        + "], got " + n);
            }
            return org.gen4j.core.util.Float32.check(name, v);
        });
    }

    /** A boolean key. */
    public static SpecKey<Boolean> bool(String name, boolean defaultValue, String description) {
        return new SpecKey<>(name, description, "true or false", defaultValue, n -> {
            if (!n.isBoolean()) {
                throw wrong(name, n, "true or false");
            }
            return n.booleanValue();
        });
    }

    /** A name (of a plugin, a data set, ...); {@code defaultValue} may be null (unset). */
    public static SpecKey<String> name(String name, String defaultValue, String description) {
        return new SpecKey<>(name, description, "a name", defaultValue, n -> {
            if (!n.isTextual() || n.asText().isBlank()) {
                throw wrong(name, n, "a non-empty name");
            }
            return n.asText();
        });
    }

    /** A mapping of option names to values (the options of a component); default empty. */
    public static SpecKey<Map<String, Object>> options(String name, String description) {
        return new SpecKey<>(name, description, "a mapping of options", Map.of(), n -> {
            if (!n.isObject()) {
                throw wrong(name, n, "a mapping of option names to values");
            }
            return JSON.convertValue(n, new TypeReference<Map<String, Object>>() {});
        });
    }

    /**
     * A list of objects bound by Jackson (for example {@code regularizers}); default empty. An
     * element with an unknown field is an error naming the key.
     */
    public static <E> SpecKey<List<E>> list(String name, Class<E> elementType,
            String description) {
        ObjectMapper strict = new ObjectMapper().enable(
                com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return new SpecKey<>(name, description, "a list", List.of(), n -> {
            if (!n.isArray()) {
                throw wrong(name, n, "a list");
            }
            try {
                return List.copyOf(strict.readerForListOf(elementType).readValue(n));
            } catch (java.io.IOException | IllegalArgumentException e) {
                String m = e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                        ? j.getOriginalMessage() : e.getMessage();
                throw new IllegalArgumentException(name + ": " + firstLine(m), e);
            }
        });
    }

    /**
     * A key of any type with a binder of its own, for procedures whose values need more than
     * the factories above.
     *
     * @param binder turns the JSON value into the Java value, throwing {@link
     *     IllegalArgumentException} naming the key when it does not fit
     */
    public static <T> SpecKey<T> custom(String name, T defaultValue, String accepts,
            Function<JsonNode, T> binder, String description) {
        return new SpecKey<>(name, description, accepts, defaultValue,
                Objects.requireNonNull(binder, "binder is null"));
    }

    private static long integral(String name, JsonNode n, long min, long max, String range) {
        if (!n.isIntegralNumber()) {
            throw wrong(name, n, range);
        }
        if (!n.canConvertToLong()) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max
                    + "], got " + n);
        }
        long v = n.longValue();
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max
                    + "], got " + v);
        }
        return v;
    }

    private static IllegalArgumentException wrong(String name, JsonNode n, String expected) {
        String kind = n.isTextual() ? "the text '" + n.asText() + "'"
                : n.isFloatingPointNumber() ? "the number " + n
                : n.isNumber() ? "the integer " + n
                : n.isArray() ? "a list" : n.isObject() ? "a mapping" : n.toString();
        return new IllegalArgumentException(name + " must be " + expected + ", got " + kind);
    }

    private static String firstLine(String m) {
        if (m == null) {
            return "does not fit";
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** The key as written in specs, kebab-case. */
    public String name() {
        return name;
    }

    /** One line for {@code gen4j train --help} and {@code gen4j list procedures}. */
    public String description() {
        return description;
    }

    /** What the key accepts, in words ("an integer in [1, 100]"). */
    public String accepts() {
        return accepts;
    }

    /** The value when a spec leaves the key out; may be null for optional names. */
    public T defaultValue() {
        return defaultValue;
    }

    /**
     * Binds a value: null or a JSON null gives the default.
     *
     * @throws IllegalArgumentException naming the key, the value and what it accepts
     */
    public T bind(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return defaultValue;
        }
        return binder.apply(node);
    }

    @Override
    public String toString() {
        return name;
    }
}
