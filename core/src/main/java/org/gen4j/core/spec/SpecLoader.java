package org.gen4j.core.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.gen4j.core.spi.Registry;

/**
 * Reads run specs: YAML or JSON files, and {@code key=value} values, as layers over the defaults
 * (or over the stored spec of a run being resumed), resolved by {@link #build}.
 *
 * <p>A spec is a small delta over the defaults: only the keys a user changes need to be written.
 * Layers apply in the order they are added, so a caller adding the file, then flags, then {@code
 * --set} values gets that precedence. A preset (the key {@code preset}, or a preset's name as the
 * {@code loss}) applies under the user's layers. Nested mappings ({@code optimizers.generator},
 * {@code model-options}) merge key by key. Which keys are known depends on the training
 * procedure, so {@link #build} takes the registry; an unknown key, or one the procedure does not
 * use, is an error naming the procedure's keys.
 */
public final class SpecLoader {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final ObjectNode defaults;
    private final ObjectNode stored;
    private final List<ObjectNode> layers = new ArrayList<>();
    /** The file each layer came from, or null for values set in code or on a command line. */
    private final java.util.Map<ObjectNode, Path> files = new java.util.IdentityHashMap<>();

    private SpecLoader(ObjectNode defaults, ObjectNode stored) {
        this.defaults = defaults;
        this.stored = stored;
    }

    /**
     * The defaults: DCGAN with the non-saturating loss on the embedded Fashion-MNIST sample,
     * batch 64, 20 epochs (1,240 steps, a few minutes on 2 cores: the shortest run whose grids show
     * every kind of clothing). The procedure's keys and optimizers take its own defaults.
     */
    public static ObjectNode defaults() {
        ObjectNode d = JSON.createObjectNode();
        for (SpecKey<?> key : CommonKeys.all()) {
            d.set(key.name(), JSON.valueToTree(key.defaultValue()));
        }
        d.put(CommonKeys.MODEL.name(), "dcgan");
        return d;
    }

    /** A loader starting from the defaults. */
    public static SpecLoader fromDefaults() {
        return new SpecLoader(defaults(), null);
    }

    /** A loader starting from a resolved spec (a run being resumed). */
    public static SpecLoader from(RunSpec spec) {
        return fromStored(spec.toTree());
    }

    /**
     * A loader starting from a spec as stored with a checkpoint, of this release or an older
     * one: its optimizer settings that their types no longer have are dropped rather than
     * refused.
     */
    public static SpecLoader fromStored(JsonNode storedSpec) {
        if (!(storedSpec instanceof ObjectNode o)) {
            throw new IllegalArgumentException("a stored spec must be a mapping, got "
                    + storedSpec);
        }
        return new SpecLoader(defaults(), withoutNulls(o));
    }

    private static ObjectNode withoutNulls(ObjectNode o) {
        ObjectNode copy = JSON.createObjectNode();
        o.fields().forEachRemaining(e -> {
            if (!e.getValue().isNull()) {
                copy.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        return copy;
    }

    /**
     * Adds a YAML or JSON file as a layer.
     *
     * @throws IllegalArgumentException if the file is missing, does not parse (a duplicated key
     *     included), or is not a mapping
     */
    public SpecLoader mergeFile(Path file) {
        JsonNode node;
        try {
            String text = Files.readString(file);
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
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
                            + node.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        layers.add((ObjectNode) node);
        files.put((ObjectNode) node, file);
        return this;
    }

    /** Adds a layer of keys given as a JSON tree. */
    public SpecLoader merge(ObjectNode layer) {
        layers.add(Objects.requireNonNull(layer, "layer is null").deepCopy());
        return this;
    }

    /**
     * Sets one key, given as {@code optimizers.generator.lr=1e-4}: the value is parsed as YAML,
     * so numbers, booleans and lists work.
     */
    public SpecLoader set(String dottedKey, String value) {
        JsonNode parsed;
        try {
            parsed = YAML.readTree(value == null ? "null" : value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value of " + dottedKey + " does not parse: "
                    + value, e);
        }
        if (parsed == null || parsed.isMissingNode()) {
            parsed = JSON.getNodeFactory().textNode(value);
        }
        String[] parts = dottedKey.split("\\.", -1);
        for (String part : parts) {
            if (part.isBlank()) {
                throw new IllegalArgumentException("key '" + dottedKey + "' has an empty part;"
                        + " write keys as name or name.sub-name");
            }
        }
        ObjectNode layer = JSON.createObjectNode();
        ObjectNode node = layer;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.putObject(parts[i]);
        }
        node.set(parts[parts.length - 1], parsed);
        layers.add(layer);
        return this;
    }

    /** Sets a value object directly (typed command-line values). */
    public SpecLoader setValue(String key, Object value) {
        ObjectNode layer = JSON.createObjectNode();
        layer.set(key, JSON.valueToTree(value));
        layers.add(layer);
        return this;
    }

    /**
     * Sets the learning rate of every network's optimizer, as a layer in order (the same as
     * {@code optimizers.*.lr}: the network name {@code *} means every network).
     */
    public SpecLoader setLearningRate(double lr) {
        ObjectNode layer = JSON.createObjectNode();
        layer.putObject(CommonKeys.OPTIMIZERS).putObject(SpecResolver.EVERY_NETWORK)
                .put("lr", lr);
        layers.add(layer);
        return this;
    }

    /**
     * Resolves and validates the layers against the registered procedures.
     *
     * @throws IllegalArgumentException on an unknown key, a key the procedure does not use, a
     *     value of the wrong type, or a value out of range, naming the key
     */
    public RunSpec build(Registry registry) {
        Objects.requireNonNull(registry, "registry is null");
        try {
            return new SpecResolver(registry).resolve(defaults, stored, layers);
        } catch (IllegalArgumentException e) {
            Path file = fileOf(e.getMessage());
            if (file == null) {
                throw e;
            }
            throw new IllegalArgumentException("spec file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file that set the key a message starts with ("batch-size must be ..."), when the last
     * layer to set it was a file.
     */
    private Path fileOf(String message) {
        if (message == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([a-z0-9-]+)[ .]")
                .matcher(message);
        if (!m.find()) {
            return null;
        }
        String key = m.group(1);
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (layers.get(i).has(key)) {
                return files.get(layers.get(i));
            }
        }
        return null;
    }

    /** The spec as indented JSON, as stored with checkpoints. */
    public static String toJson(RunSpec spec) {
        return spec.toJson();
    }

    /** Reads a spec stored with a checkpoint (of this release or an older one). */
    public static RunSpec fromJson(String json, Registry registry) {
        try {
            return fromStored(JSON.readTree(json)).build(registry);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored spec does not parse: "
                    + e.getOriginalMessage(), e);
        }
    }
}
