package org.gen4j.core.spi;

import com.google.inject.Binder;
import com.google.inject.multibindings.MapBinder;
import java.util.Objects;
import java.util.regex.Pattern;
import org.gen4j.core.data.DatasetFactory;
import org.gen4j.core.loss.GanLossFactory;
import org.gen4j.core.loss.RegularizerFactory;
import org.gen4j.core.metric.MetricFactory;
import org.gen4j.core.model.DiscriminatorFactory;
import org.gen4j.core.model.GeneratorFactory;

/**
 * One-line helpers for plugin modules: each registers a factory under its name in the MapBinder of
 * its kind. A second factory with the same name fails when the injector is created.
 *
 * <pre>{@code
 * protected void configure() {
 *     GenBindings.addLoss(binder(), new HingeLossFactory());
 * }
 * }</pre>
 */
public final class GenBindings {

    private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private GenBindings() {}

    /** Registers an adversarial loss. */
    public static void addLoss(Binder binder, GanLossFactory factory) {
        add(binder, GanLossFactory.class, factory);
    }

    /** Registers a regularizer. */
    public static void addRegularizer(Binder binder, RegularizerFactory factory) {
        add(binder, RegularizerFactory.class, factory);
    }

    /** Registers a generator architecture. */
    public static void addGenerator(Binder binder, GeneratorFactory factory) {
        add(binder, GeneratorFactory.class, factory);
    }

    /** Registers a discriminator (critic) architecture. */
    public static void addDiscriminator(Binder binder, DiscriminatorFactory factory) {
        add(binder, DiscriminatorFactory.class, factory);
    }

    /** Registers a data set. */
    public static void addDataset(Binder binder, DatasetFactory factory) {
        add(binder, DatasetFactory.class, factory);
    }

    /** Registers a sample-quality or likelihood metric. */
    public static void addMetric(Binder binder, MetricFactory factory) {
        add(binder, MetricFactory.class, factory);
    }

    /** Creates the (possibly empty) map binder of a kind, so that the map can be injected. */
    public static <T> MapBinder<String, T> mapBinder(Binder binder, Class<T> type) {
        return MapBinder.newMapBinder(binder, String.class, type);
    }

    private static <T extends NamedFactory> void add(Binder binder, Class<T> type, T factory) {
        Objects.requireNonNull(factory, "factory is null");
        String name = Objects.requireNonNull(factory.name(), "factory name is null");
        if (!KEBAB.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "Plugin name '" + name + "' of " + factory.getClass().getName()
                            + " is not lower-kebab-case (letters, digits and single hyphens)");
        }
        mapBinder(binder, type).addBinding(name).toInstance(factory);
    }
}
