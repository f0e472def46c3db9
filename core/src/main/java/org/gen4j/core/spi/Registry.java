package org.gen4j.core.spi;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.util.Types;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.gen4j.core.data.DatasetFactory;
import org.gen4j.core.loss.GanLossFactory;
import org.gen4j.core.loss.ReconstructionLossFactory;
import org.gen4j.core.loss.RegularizerFactory;
import org.gen4j.core.loss.VariationalLossFactory;
import org.gen4j.core.metric.MetricFactory;
import org.gen4j.core.model.DiscriminatorFactory;
import org.gen4j.core.model.GeneratorFactory;
import org.gen4j.core.optim.OptimizerFactory;
import org.gen4j.core.optim.ScheduleFactory;
import org.gen4j.core.procedure.ProcedureFactory;
import org.gen4j.core.spec.PresetFactory;

/**
 * Every registered factory by kind and name: the one place where names are resolved.
 *
 * <p>Inject it from an injector that installed the gen4j modules ({@link Gen4j#createInjector}),
 * or get it from {@link Gen4j#registry()}. An unknown name fails with the list of known names.
 * The kinds are those the installed modules declared: the core's ({@link PluginKind#builtIn()})
 * and any a plugin brings.
 */
public final class Registry {

    private final Map<PluginKind<?>, Map<String, ? extends NamedFactory>> byKind;

    /**
     * Builds the registry from the kinds the plugin modules declared and the maps they bound.
     *
     * @throws IllegalStateException if two kinds use the same noun
     */
    @Inject
    public Registry(Injector injector, Set<PluginKind<?>> kinds) {
        Map<PluginKind<?>, Map<String, ? extends NamedFactory>> map = new LinkedHashMap<>();
        List<PluginKind<?>> ordered = new ArrayList<>(PluginKind.builtIn());
        ordered.retainAll(kinds);
        kinds.stream().filter(k -> !ordered.contains(k))
                .sorted(java.util.Comparator.comparing(PluginKind::plural)).forEach(ordered::add);
        Map<String, PluginKind<?>> nouns = new TreeMap<>();
        for (PluginKind<?> kind : ordered) {
            for (String noun : List.of(kind.singular(), kind.plural())) {
                PluginKind<?> other = nouns.put(noun, kind);
                if (other != null && !other.equals(kind)) {
                    throw new IllegalStateException("two plugin kinds are called '" + noun
                            + "': " + other.factoryType().getName() + " and "
                            + kind.factoryType().getName());
                }
            }
            map.put(kind, sorted(factories(injector, kind)));
        }
        this.byKind = Collections.unmodifiableMap(map);
    }

    @SuppressWarnings("unchecked")
    private static <T extends NamedFactory> Map<String, T> factories(Injector injector,
            PluginKind<T> kind) {
        Key<?> key = Key.get(Types.mapOf(String.class, kind.factoryType()));
        return (Map<String, T>) injector.getInstance(key);
    }

    private static <T> Map<String, T> sorted(Map<String, T> map) {
        return Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(map)));
    }

    /** Every kind with a map in this registry: the core's first, then plugins' own by name. */
    public List<PluginKind<?>> kinds() {
        return List.copyOf(byKind.keySet());
    }

    /**
     * The kind called {@code noun} (singular or plural, as in {@code gen4j list losses}).
     *
     * @throws IllegalArgumentException naming the known kinds
     */
    public PluginKind<?> kind(String noun) {
        for (PluginKind<?> k : byKind.keySet()) {
            if (k.singular().equals(noun) || k.plural().equals(noun)) {
                return k;
            }
        }
        throw new IllegalArgumentException("Unknown plugin kind '" + noun + "'. Known kinds: "
                + byKind.keySet());
    }

    /** The training procedure registered as {@code name}. */
    public ProcedureFactory procedure(String name) {
        return get(PluginKind.PROCEDURE, name);
    }

    /** The adversarial loss registered as {@code name}. */
    public GanLossFactory loss(String name) {
        return get(PluginKind.LOSS, name);
    }

    /** The reconstruction term registered as {@code name}. */
    public ReconstructionLossFactory reconstructionLoss(String name) {
        return get(PluginKind.RECONSTRUCTION_LOSS, name);
    }

    /** The VAE objective registered as {@code name}. */
    public VariationalLossFactory variationalLoss(String name) {
        return get(PluginKind.VARIATIONAL_LOSS, name);
    }

    /** The regularizer registered as {@code name}. */
    public RegularizerFactory regularizer(String name) {
        return get(PluginKind.REGULARIZER, name);
    }

    /** The generator architecture registered as {@code name}. */
    public GeneratorFactory generator(String name) {
        return get(PluginKind.GENERATOR, name);
    }

    /** The discriminator architecture registered as {@code name}. */
    public DiscriminatorFactory discriminator(String name) {
        return get(PluginKind.DISCRIMINATOR, name);
    }

    /** The data set registered as {@code name}. */
    public DatasetFactory dataset(String name) {
        return get(PluginKind.DATASET, name);
    }

    /** The sample-quality or likelihood metric registered as {@code name}. */
    public MetricFactory metric(String name) {
        return get(PluginKind.METRIC, name);
    }

    /** The optimizer registered as {@code name}. */
    public OptimizerFactory optimizer(String name) {
        return get(PluginKind.OPTIMIZER, name);
    }

    /** The learning-rate schedule registered as {@code name}. */
    public ScheduleFactory schedule(String name) {
        return get(PluginKind.SCHEDULE, name);
    }

    /** The preset registered as {@code name}. */
    public PresetFactory preset(String name) {
        return get(PluginKind.PRESET, name);
    }

    /** Whether a factory of this kind is registered under {@code name}. */
    public boolean contains(PluginKind<?> kind, String name) {
        Map<String, ? extends NamedFactory> map = byKind.get(kind);
        return map != null && name != null && map.containsKey(name);
    }

    /** All factories of one kind, sorted by name; empty for a kind no module declared. */
    @SuppressWarnings("unchecked")
    public <T extends NamedFactory> Map<String, T> all(PluginKind<T> kind) {
        Map<String, ? extends NamedFactory> map = byKind.get(kind);
        return map == null ? Map.of() : (Map<String, T>) map;
    }

    /**
     * The factory of a kind by name.
     *
     * @throws IllegalArgumentException naming the known names when there is none
     */
    public <T extends NamedFactory> T get(PluginKind<T> kind, String name) {
        Map<String, T> map = all(kind);
        T factory = name == null ? null : map.get(name);
        if (factory == null) {
            throw new IllegalArgumentException(
                    "Unknown " + kind.singular() + " '" + name + "'. Known " + kind.plural()
                            + ": " + map.keySet());
        }
        return factory;
    }
}
