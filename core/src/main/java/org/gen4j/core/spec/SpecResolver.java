package org.gen4j.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.gen4j.core.optim.OptimizerSpec;
import org.gen4j.core.optim.ScheduleSpec;
import org.gen4j.core.procedure.NetworkRole;
import org.gen4j.core.procedure.ProcedureFactory;
import org.gen4j.core.spi.PluginKind;
import org.gen4j.core.spi.Registry;

/**
 * Turns the layers of a spec (defaults, a stored spec being resumed, a preset, the user's files
 * and values) into a {@link RunSpec}: finds the procedure, moves alias keys to their canonical
 * place layer by layer (so precedence holds across both spellings), rejects keys the procedure
 * does not use, binds every value through its {@link SpecKey}, and resolves each network's
 * optimizer and the schedule against their plugins.
 *
 * <p>Settings in the stored layer that a (possibly changed) optimizer type does not have are
 * dropped; in the user's layers they are errors.
 */
final class SpecResolver {

    /** The network name that means every network of the procedure, in {@code optimizers}. */
    static final String EVERY_NETWORK = "*";

    private final Registry registry;

    SpecResolver(Registry registry) {
        this.registry = registry;
    }

    RunSpec resolve(ObjectNode defaults, ObjectNode stored, List<ObjectNode> userLayers) {
        List<ObjectNode> users = new ArrayList<>();
        userLayers.forEach(l -> users.add(l.deepCopy()));
        ObjectNode userMerged = mergeAll(users);
        ObjectNode preset = preset(userMerged, users);
        ObjectNode raw = mergeAll(layers(defaults, stored, preset, users));
        ProcedureFactory factory = procedure(raw);
        List<ObjectNode> upper = new ArrayList<>();
        if (preset != null) {
            upper.add(preset);
        }
        upper.addAll(users);
        ObjectNode storedCopy = stored == null ? null : stored.deepCopy();
        if (storedCopy != null) {
            normaliseAliases(storedCopy, factory);
        }
        for (ObjectNode layer : upper) {
            normaliseAliases(layer, factory);
        }
        ObjectNode tree = mergeAll(layers(defaults, storedCopy, null, upper));
        tree.put(CommonKeys.PROCEDURE.name(), factory.name());
        checkKeys(tree, factory);
        Map<String, Object> values = new LinkedHashMap<>();
        for (SpecKey<?> key : CommonKeys.all()) {
            values.put(key.name(), key.bind(tree.get(key.name())));
        }
        List<String> procedureKeys = new ArrayList<>();
        for (SpecKey<?> key : factory.keys()) {
            values.put(key.name(), key.bind(tree.get(key.name())));
            procedureKeys.add(key.name());
        }
        if ((Long) values.get(CommonKeys.STEPS.name()) == 0
                && (Integer) values.get(CommonKeys.EPOCHS.name()) == 0) {
            throw new IllegalArgumentException(
                    "steps and epochs are both 0: set steps (training steps) or epochs (>= 1)");
        }
        SpecComponents components = new SpecComponents(registry);
        Map<String, OptimizerSpec> optimizers =
                components.optimizers(factory, storedCopy, upper);
        ScheduleSpec schedule = components.schedule(storedCopy, upper,
                (Long) values.get(CommonKeys.STEPS.name()));
        RunSpec spec = new RunSpec(values, procedureKeys, optimizers, schedule);
        return factory.complete(spec, registry);
    }

    private static List<ObjectNode> layers(ObjectNode defaults, ObjectNode stored,
            ObjectNode preset, List<ObjectNode> users) {
        List<ObjectNode> all = new ArrayList<>();
        all.add(defaults);
        if (stored != null) {
            all.add(stored);
        }
        if (preset != null) {
            all.add(preset);
        }
        all.addAll(users);
        return all;
    }

    static ObjectNode mergeAll(List<ObjectNode> layers) {
        ObjectNode out = RunSpec.JSON.createObjectNode();
        for (ObjectNode layer : layers) {
            merge(out, layer);
        }
        return out;
    }

    /** Merges {@code from} into {@code into}, mappings key by key, anything else replaced. */
    static void merge(ObjectNode into, ObjectNode from) {
        Iterator<Map.Entry<String, JsonNode>> it = from.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = into.get(e.getKey());
            if (existing != null && existing.isObject() && e.getValue().isObject()) {
                merge((ObjectNode) existing, (ObjectNode) e.getValue());
            } else {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    /**
     * The preset the user named (with {@code preset}, or as the {@code loss}), as a layer; a
     * preset named as the loss is taken out of the user's layers, whose {@code loss} it replaces.
     */
    private ObjectNode preset(ObjectNode userMerged, List<ObjectNode> users) {
        String name = null;
        JsonNode p = userMerged.get(CommonKeys.PRESET.name());
        if (p != null && !p.isNull()) {
            if (!p.isTextual()) {
                throw new IllegalArgumentException("preset must be a name, got " + p);
            }
            name = p.asText();
        }
        JsonNode loss = userMerged.get("loss");
        if (loss != null && loss.isTextual()
                && registry.contains(PluginKind.PRESET, loss.asText())) {
            if (name != null && !name.equals(loss.asText())) {
                throw new IllegalArgumentException("loss '" + loss.asText() + "' names a preset,"
                        + " but preset '" + name + "' is also given: choose one");
            }
            name = loss.asText();
            for (ObjectNode layer : users) {
                if (layer.has("loss") && layer.get("loss").asText().equals(name)) {
                    layer.remove("loss");
                }
            }
        }
        if (name == null) {
            return null;
        }
        ObjectNode layer = RunSpec.JSON.valueToTree(registry.preset(name).keys());
        layer.put(CommonKeys.PRESET.name(), name);
        return layer;
    }

    private ProcedureFactory procedure(ObjectNode raw) {
        JsonNode p = raw.get(CommonKeys.PROCEDURE.name());
        if (p != null && !p.isNull()) {
            return registry.procedure(CommonKeys.PROCEDURE.bind(p));
        }
        JsonNode m = raw.get(CommonKeys.MODEL.name());
        if (m == null || m.isNull()) {
            throw new IllegalArgumentException("model must be set: a procedure "
                    + registry.all(PluginKind.PROCEDURE).keySet() + " or an architecture one of"
                    + " them trains");
        }
        String model = CommonKeys.MODEL.bind(m);
        if (registry.contains(PluginKind.PROCEDURE, model)) {
            return registry.procedure(model);
        }
        List<ProcedureFactory> claim = new ArrayList<>();
        for (ProcedureFactory f : registry.all(PluginKind.PROCEDURE).values()) {
            if (f.trainsArchitecture(model, registry)) {
                claim.add(f);
            }
        }
        if (claim.size() == 1) {
            return claim.get(0);
        }
        if (claim.isEmpty()) {
            throw new IllegalArgumentException("Unknown model '" + model + "': it is neither a"
                    + " procedure " + registry.all(PluginKind.PROCEDURE).keySet() + " nor an"
                    + " architecture a procedure trains (generators: "
                    + registry.all(PluginKind.GENERATOR).keySet() + ")");
        }
        throw new IllegalArgumentException("model '" + model + "' is trained by several"
                + " procedures " + claim.stream().map(ProcedureFactory::name).toList()
                + ": name one with the key procedure");
    }

    /**
     * Moves {@code optimizer-g: {...}} to {@code optimizers: {generator: {...}}} in a layer, and
     * spreads {@code optimizers: {"*": {...}}} over every network (under its own settings in the
     * same layer).
     */
    private static void normaliseAliases(ObjectNode layer, ProcedureFactory factory) {
        JsonNode every = layer.path(CommonKeys.OPTIMIZERS).get(EVERY_NETWORK);
        if (every != null) {
            if (!every.isObject()) {
                throw new IllegalArgumentException(CommonKeys.OPTIMIZERS + "." + EVERY_NETWORK
                        + " must be a mapping, got " + every);
            }
            ObjectNode all = (ObjectNode) layer.get(CommonKeys.OPTIMIZERS);
            all.remove(EVERY_NETWORK);
            for (NetworkRole role : factory.networks()) {
                ObjectNode merged = ((ObjectNode) every).deepCopy();
                if (all.get(role.name()) instanceof ObjectNode own) {
                    merge(merged, own);
                }
                all.set(role.name(), merged);
            }
        }
        for (NetworkRole role : factory.networks()) {
            if (role.alias() == null || !layer.has(role.alias())) {
                continue;
            }
            JsonNode value = layer.remove(role.alias());
            if (!value.isObject()) {
                throw new IllegalArgumentException(role.alias() + " must be a mapping"
                        + " ({type: adam, lr: 2.0e-4, ...}), got " + value);
            }
            JsonNode all = layer.get(CommonKeys.OPTIMIZERS);
            if (all == null || all.isNull()) {
                all = layer.putObject(CommonKeys.OPTIMIZERS);
            } else if (!all.isObject()) {
                throw new IllegalArgumentException(CommonKeys.OPTIMIZERS + " must be a mapping of"
                        + " network names to optimizers, got " + all);
            }
            ObjectNode merged = ((ObjectNode) value).deepCopy();
            JsonNode canonical = all.get(role.name());
            if (canonical != null && canonical.isObject()) {
                merge(merged, (ObjectNode) canonical);
            }
            ((ObjectNode) all).set(role.name(), merged);
        }
    }

    private void checkKeys(ObjectNode tree, ProcedureFactory factory) {
        Set<String> own = new TreeSet<>();
        factory.keys().forEach(k -> own.add(k.name()));
        Set<String> common = new TreeSet<>();
        CommonKeys.all().forEach(k -> common.add(k.name()));
        common.add(CommonKeys.OPTIMIZERS);
        common.add(CommonKeys.SCHEDULE);
        Iterator<String> names = tree.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (own.contains(key) || common.contains(key)) {
                continue;
            }
            List<String> users = new ArrayList<>();
            for (ProcedureFactory f : registry.all(PluginKind.PROCEDURE).values()) {
                if (f.keys().stream().anyMatch(k -> k.name().equals(key))
                        || f.networks().stream().anyMatch(r -> key.equals(r.alias()))) {
                    users.add(f.name());
                }
            }
            String where = users.isEmpty() ? "Unknown spec key '" + key + "'"
                    : "Spec key '" + key + "' is not used by procedure '" + factory.name()
                            + "' (it is a key of " + users + ")";
            StringBuilder optimizers = new StringBuilder();
            for (NetworkRole r : factory.networks()) {
                optimizers.append(optimizers.length() == 0 ? "" : ", ")
                        .append(CommonKeys.OPTIMIZERS).append('.').append(r.name())
                        .append(r.alias() == null ? "" : " (or " + r.alias() + ")");
            }
            throw new IllegalArgumentException(where + ". Keys of procedure '" + factory.name()
                    + "': " + own + "; its optimizers: " + optimizers + "; common keys: "
                    + common);
        }
    }
}
