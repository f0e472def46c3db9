package org.gen4j.core.spi;

import jakarta.inject.Inject;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.gen4j.core.data.DatasetFactory;
import org.gen4j.core.loss.GanLossFactory;
import org.gen4j.core.loss.RegularizerFactory;
import org.gen4j.core.metric.MetricFactory;
import org.gen4j.core.model.DiscriminatorFactory;
import org.gen4j.core.model.GeneratorFactory;

/**
 * Every registered factory by kind and name: the one place where names are resolved.
 *
 * <p>Inject it from an injector that installed the gen4j modules ({@link Gen4j#createInjector}),
 * or get it from {@link Gen4j#registry()}. An unknown name fails with the list of known names.
 */
public final class Registry {

    private final Map<PluginKind, Map<String, ? extends NamedFactory>> byKind =
            new EnumMap<>(PluginKind.class);

    /** Builds the registry from the maps that the plugin modules bound. */
    @Inject
    public Registry(
            Map<String, GanLossFactory> losses,
            Map<String, RegularizerFactory> regularizers,
            Map<String, GeneratorFactory> generators,
            Map<String, DiscriminatorFactory> discriminators,
            Map<String, DatasetFactory> datasets,
            Map<String, MetricFactory> metrics) {
        byKind.put(PluginKind.LOSS, sorted(losses));
        byKind.put(PluginKind.REGULARIZER, sorted(regularizers));
        byKind.put(PluginKind.GENERATOR, sorted(generators));
        byKind.put(PluginKind.DISCRIMINATOR, sorted(discriminators));
        byKind.put(PluginKind.DATASET, sorted(datasets));
        byKind.put(PluginKind.METRIC, sorted(metrics));
    }

    private static <T> Map<String, T> sorted(Map<String, T> map) {
        return Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(map)));
    }

    /** The adversarial loss registered as {@code name}. */
    public GanLossFactory loss(String name) {
        return get(PluginKind.LOSS, name, GanLossFactory.class);
    }

    /** The regularizer registered as {@code name}. */
    public RegularizerFactory regularizer(String name) {
        return get(PluginKind.REGULARIZER, name, RegularizerFactory.class);
    }

    /** The generator architecture registered as {@code name}. */
    public GeneratorFactory generator(String name) {
        return get(PluginKind.GENERATOR, name, GeneratorFactory.class);
    }

    /** The discriminator architecture registered as {@code name}. */
    public DiscriminatorFactory discriminator(String name) {
        return get(PluginKind.DISCRIMINATOR, name, DiscriminatorFactory.class);
    }

    /** The data set registered as {@code name}. */
    public DatasetFactory dataset(String name) {
        return get(PluginKind.DATASET, name, DatasetFactory.class);
    }

    /** The sample-quality or likelihood metric registered as {@code name}. */
    public MetricFactory metric(String name) {
        return get(PluginKind.METRIC, name, MetricFactory.class);
    }

    /** Whether a factory of this kind is registered under {@code name}. */
    public boolean contains(PluginKind kind, String name) {
        return byKind.get(kind).containsKey(name);
    }

    /** All factories of one kind, sorted by name. */
    public Map<String, ? extends NamedFactory> all(PluginKind kind) {
        return byKind.get(kind);
    }

    /**
     * The factory of a kind by name.
     *
     * @throws IllegalArgumentException naming the known names when there is none
     */
    public <T extends NamedFactory> T get(PluginKind kind, String name, Class<T> type) {
        Map<String, ? extends NamedFactory> map = byKind.get(kind);
        NamedFactory factory = map.get(name);
        if (factory == null) {
            throw new IllegalArgumentException(
                    "Unknown " + kind.singular() + " '" + name + "'. Known " + kind.plural()
                            + ": " + map.keySet());
        }
        return type.cast(factory);
    }
}
