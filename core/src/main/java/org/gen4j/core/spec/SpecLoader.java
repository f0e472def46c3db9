package org.gen4j.core.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads run specs: YAML or JSON files, and {@code key=value} overrides, merged over the defaults.
 *
 * <p>A spec is a small delta over {@link RunSpec#defaults()}: only the keys a user changes need to
 * be written. A {@link Presets preset} named by the key {@code preset} (or given as the loss) is
 * applied under the user's keys. Nested objects ({@code optimizer-g}, {@code model-options}) merge key by key. Unknown
 * keys are errors naming the key and the known ones.
 */
public final class SpecLoader {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The defaults, or the stored spec of a run being resumed. */
    private final ObjectNode base;
    /** Everything the user gave in this load, merged in order; applied over base and preset. */
    private final ObjectNode tree = JSON.createObjectNode();

    private SpecLoader(ObjectNode base) {
        this.base = base;
    }

    /** A loader starting from the defaults. */
    public static SpecLoader fromDefaults() {
        return new SpecLoader(JSON.valueToTree(RunSpec.defaults()));
    }

    /** A loader starting from a resolved spec (for example one read back from a checkpoint). */
    public static SpecLoader from(RunSpec spec) {
        return new SpecLoader(JSON.valueToTree(spec));
    }

    /**
     * Merges a YAML or JSON file over the current keys.
     *
     * @throws IllegalArgumentException if the file is missing, does not parse, or is not a mapping
     */
    public SpecLoader mergeFile(Path file) {
        JsonNode node;
        try {
            String text = Files.readString(file);
            String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            node = name.endsWith(".json") ? JSON.readTree(text) : YAML.readTree(text);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("spec file " + file + " does not exist", e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "spec file " + file + " does not parse: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("spec file " + file + " cannot be read: " + e, e);
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return this;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(
                    "spec file " + file + " must hold a mapping of keys to values, got a "
                            + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        merge(tree, (ObjectNode) node, "");
        return this;
    }

    /**
     * Sets one key, given as on the command line: {@code optimizer-g.lr=1e-4}. The value is
     * parsed as YAML, so numbers, booleans and lists work.
     */
    public SpecLoader set(String dottedKey, String value) {
        JsonNode parsed;
        try {
            parsed = YAML.readTree(value == null ? "null" : value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value of " + dottedKey + " does not parse: " + value, e);
        }
        if (parsed == null || parsed.isMissingNode()) {
            parsed = JSON.getNodeFactory().textNode(value);
        }
        String[] parts = dottedKey.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (child == null || !child.isObject()) {
                child = node.putObject(parts[i]);
            }
            node = (ObjectNode) child;
        }
        node.set(parts[parts.length - 1], parsed);
        return this;
    }

    /** Sets a value object directly (used by typed command-line flags). */
    public SpecLoader setValue(String key, Object value) {
        tree.set(key, JSON.valueToTree(value));
        return this;
    }

    private static void merge(ObjectNode into, ObjectNode from, String path) {
        Iterator<Map.Entry<String, JsonNode>> it = from.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = into.get(e.getKey());
            if (existing != null && existing.isObject() && e.getValue().isObject()) {
                merge((ObjectNode) existing, (ObjectNode) e.getValue(), path + e.getKey() + ".");
            } else {
                into.set(e.getKey(), e.getValue());
            }
        }
    }

    /**
     * Binds and validates the merged spec.
     *
     * @throws IllegalArgumentException on an unknown key, a value of the wrong type, or a value out
     *     of range
     */
    public RunSpec build() {
        try {
            return JSON.treeToValue(resolved(), RunSpec.class).validate();
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "?" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new IllegalArgumentException("Unknown spec key '" + location(e) + "'. Known keys"
                    + " there: [" + known + "]", e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Bad spec value: " + e.getOriginalMessage()
                    + " at '" + location(e) + "'", e);
        }
    }

    /**
     * The merged tree: base, then the preset the user named (with the key {@code preset}, or as
     * the loss), then the user's keys. A preset named as the loss is replaced by the preset's loss.
     */
    private ObjectNode resolved() {
        ObjectNode out = base.deepCopy();
        String preset = null;
        boolean asLoss = false;
        JsonNode p = tree.get("preset");
        if (p != null && !p.isNull()) {
            if (!p.isTextual()) {
                throw new IllegalArgumentException("preset must be a name, got " + p);
            }
            preset = p.asText();
        }
        JsonNode loss = tree.get("loss");
        if (loss != null && loss.isTextual() && Presets.contains(loss.asText())) {
            if (preset != null && !preset.equals(loss.asText())) {
                throw new IllegalArgumentException("loss '" + loss.asText() + "' names a preset,"
                        + " but preset '" + preset + "' is also given: choose one");
            }
            preset = loss.asText();
            asLoss = true;
        }
        if (preset != null) {
            ObjectNode keys = JSON.valueToTree(Presets.get(preset).keys());
            merge(out, keys, "");
            out.put("preset", preset);
        }
        ObjectNode user = tree.deepCopy();
        if (asLoss) {
            user.remove("loss");
            user.put("preset", preset);
        }
        merge(out, user, "");
        return out;
    }

    private static String location(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m) {
            return m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
        }
        return "?";
    }

    /** The spec as indented JSON, as stored with checkpoints. */
    public static String toJson(RunSpec spec) {
        try {
            return JSON.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("spec does not serialise: " + e.getMessage(), e);
        }
    }

    /** Reads a spec stored by {@link #toJson}. */
    public static RunSpec fromJson(String json) {
        try {
            return JSON.readValue(json, RunSpec.class).validate();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored spec does not parse: " + e.getOriginalMessage(), e);
        }
    }

}
