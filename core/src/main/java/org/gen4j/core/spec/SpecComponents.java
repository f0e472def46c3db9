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
import org.gen4j.core.spi.Registry;

/**
 * Resolves the parts of a spec that are components of their own: each network's optimizer and
 * the learning-rate schedule, from the layers of {@link SpecResolver}. The procedure's default
 * optimizer, then the stored spec (settings its type no longer has are dropped), then the user's
 * layers (a setting the type lacks is an error); another type keeps the settings it shares.
 */
final class SpecComponents {

    private final Registry registry;

    SpecComponents(Registry registry) {
        this.registry = registry;
    }

    Map<String, OptimizerSpec> optimizers(ProcedureFactory factory, ObjectNode stored,
            List<ObjectNode> upper) {
        Set<String> roles = new TreeSet<>();
        factory.networks().forEach(r -> roles.add(r.name()));
        List<ObjectNode> userNodes = new ArrayList<>();
        for (ObjectNode layer : upper) {
            ObjectNode all = optimizersOf(layer, roles, factory);
            if (all != null) {
                userNodes.add(all);
            }
        }
        ObjectNode storedAll = stored == null ? null : optimizersOf(stored, roles, factory);
        Map<String, OptimizerSpec> out = new LinkedHashMap<>();
        for (NetworkRole role : factory.networks()) {
            String key = CommonKeys.OPTIMIZERS + "." + role.name();
            OptimizerSpec base = role.defaultOptimizer();
            if (storedAll != null && storedAll.get(role.name()) instanceof ObjectNode s) {
                base = lenient(spec(s, base.type(), key), base);
            }
            ObjectNode user = RunSpec.JSON.createObjectNode();
            for (ObjectNode all : userNodes) {
                if (all.get(role.name()) instanceof ObjectNode o) {
                    SpecResolver.merge(user, o);
                }
            }
            out.put(role.name(), spec(user, base.type(), key).resolve(registry, key, base));
        }
        return out;
    }

    private static ObjectNode optimizersOf(ObjectNode layer, Set<String> roles,
            ProcedureFactory factory) {
        JsonNode all = layer.get(CommonKeys.OPTIMIZERS);
        if (all == null || all.isNull()) {
            return null;
        }
        if (!all.isObject()) {
            throw new IllegalArgumentException(CommonKeys.OPTIMIZERS + " must be a mapping of"
                    + " network names to optimizers, got " + all);
        }
        Iterator<Map.Entry<String, JsonNode>> it = all.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!roles.contains(e.getKey())) {
                throw new IllegalArgumentException(CommonKeys.OPTIMIZERS + "." + e.getKey()
                        + ": procedure '" + factory.name() + "' trains no network '"
                        + e.getKey() + "'; its networks: " + roles);
            }
            if (!e.getValue().isObject()) {
                throw new IllegalArgumentException(CommonKeys.OPTIMIZERS + "." + e.getKey()
                        + " must be a mapping ({type: adam, lr: 2.0e-4, ...}), got "
                        + e.getValue());
            }
        }
        return (ObjectNode) all;
    }

    private static OptimizerSpec spec(ObjectNode node, String defaultType, String key) {
        Map<String, Object> settings = new LinkedHashMap<>();
        String type = defaultType;
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("type")) {
                if (!e.getValue().isTextual()) {
                    throw new IllegalArgumentException(key + ".type must be an optimizer's name,"
                            + " got " + e.getValue());
                }
                type = e.getValue().asText();
            } else {
                settings.put(e.getKey(), RunSpec.JSON.convertValue(e.getValue(), Object.class));
            }
        }
        return new OptimizerSpec(type, settings);
    }

    /** A stored optimizer over a base, keeping only the settings its type has. */
    private OptimizerSpec lenient(OptimizerSpec stored, OptimizerSpec base) {
        Map<String, Object> defaults = registry.optimizer(stored.type()).defaults();
        Map<String, Object> kept = new LinkedHashMap<>();
        stored.settings().forEach((k, v) -> {
            if (defaults.containsKey(k)) {
                kept.put(k, v);
            }
        });
        return new OptimizerSpec(stored.type(), kept).resolve(registry,
                CommonKeys.OPTIMIZERS, stored.type().equals(base.type()) ? base : null);
    }

    ScheduleSpec schedule(ObjectNode stored, List<ObjectNode> upper, long steps) {
        ScheduleSpec base = ScheduleSpec.constant();
        if (stored != null && stored.get(CommonKeys.SCHEDULE) instanceof ObjectNode s) {
            base = ScheduleSpec.fromMap(RunSpec.JSON.convertValue(s,
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {}));
        }
        ObjectNode user = RunSpec.JSON.createObjectNode();
        for (ObjectNode layer : upper) {
            JsonNode node = layer.get(CommonKeys.SCHEDULE);
            if (node == null || node.isNull()) {
                continue;
            }
            if (node.isTextual()) {
                user.removeAll();
                user.put("type", node.asText());
            } else if (node instanceof ObjectNode o) {
                if (o.has("type") && !o.get("type").asText().equals(
                        user.path("type").asText(base.type()))) {
                    user.removeAll();
                }
                SpecResolver.merge(user, o);
            } else {
                throw new IllegalArgumentException("schedule must be a name or a mapping"
                        + " ({type: cosine, warmup: 100}), got " + node);
            }
        }
        ScheduleSpec spec;
        if (user.isEmpty()) {
            spec = base;
        } else {
            Map<String, Object> m = RunSpec.JSON.convertValue(user,
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
            String type = m.containsKey("type") ? String.valueOf(m.remove("type")) : base.type();
            Map<String, Object> settings = new LinkedHashMap<>();
            if (type.equals(base.type())) {
                settings.putAll(base.settings());
            }
            settings.putAll(m);
            spec = new ScheduleSpec(type, settings);
        }
        return spec.resolve(registry, steps);
    }
}
