package org.gen4j.core.spi;

import com.google.inject.Binder;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import java.util.Objects;
import java.util.regex.Pattern;
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
 * One-line helpers for plugin modules: each registers a factory under its name in the MapBinder of
 * its kind. A second factory with the same name fails when the injector is created.
 *
 * <pre>{@code
 * protected void configure() {
 *     GenBindings.addLoss(binder(), new HingeLossFactory());
 *     GenBindings.add(binder(), MyKinds.KERNEL, new GaussianKernelFactory()); // a kind of its own
 * }
 * }</pre>
 *
 * <p>Each kind's factories are also injectable as a plain {@code Map<String, F>} (for example
 * {@code Map<String, GanLossFactory>}), and every kind used is collected in a {@code
 * Set<PluginKind<?>>} that the {@link Registry} reads.
 */
public final class GenBindings {

    private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final TypeLiteral<PluginKind<?>> KIND_TYPE = new TypeLiteral<>() {};

    private GenBindings() {}

    /**
     * Registers a factory of any kind, the core's or a plugin's own.
     *
     * @throws IllegalArgumentException if the factory's name is not lower-kebab-case
     */
    public static <T extends NamedFactory> void add(Binder binder, PluginKind<T> kind, T factory) {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(factory, "factory is null");
        String name = Objects.requireNonNull(factory.name(), "factory name is null");
        if (!KEBAB.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "Plugin name '" + name + "' of " + factory.getClass().getName()
                            + " is not lower-kebab-case (letters, digits and single hyphens)");
        }
        declare(binder, kind).addBinding(name).toInstance(kind.factoryType().cast(factory));
    }

    /**
     * Declares a kind without registering anything, so that its (possibly empty) map can be
     * injected and {@code gen4j list} shows it.
     */
    public static <T extends NamedFactory> MapBinder<String, T> declare(Binder binder,
            PluginKind<T> kind) {
        Multibinder.newSetBinder(binder, KIND_TYPE).permitDuplicates().addBinding()
                .toInstance(kind);
        return MapBinder.newMapBinder(binder, String.class, kind.factoryType());
    }

    /** Registers a training procedure. */
    public static void addProcedure(Binder binder, ProcedureFactory factory) {
        add(binder, PluginKind.PROCEDURE, factory);
    }

    /** Registers an adversarial loss. */
    public static void addLoss(Binder binder, GanLossFactory factory) {
        add(binder, PluginKind.LOSS, factory);
    }

    /** Registers a reconstruction term. */
    public static void addReconstructionLoss(Binder binder, ReconstructionLossFactory factory) {
        add(binder, PluginKind.RECONSTRUCTION_LOSS, factory);
    }

    /** Registers a VAE objective. */
    public static void addVariationalLoss(Binder binder, VariationalLossFactory factory) {
        add(binder, PluginKind.VARIATIONAL_LOSS, factory);
    }

    /** Registers a regularizer. */
    public static void addRegularizer(Binder binder, RegularizerFactory factory) {
        add(binder, PluginKind.REGULARIZER, factory);
    }

    /** Registers a generator architecture. */
    public static void addGenerator(Binder binder, GeneratorFactory factory) {
        add(binder, PluginKind.GENERATOR, factory);
    }

    /** Registers a discriminator (critic) architecture. */
    public static void addDiscriminator(Binder binder, DiscriminatorFactory factory) {
        add(binder, PluginKind.DISCRIMINATOR, factory);
    }

    /** Registers a data set. */
    public static void addDataset(Binder binder, DatasetFactory factory) {
        add(binder, PluginKind.DATASET, factory);
    }

    /** Registers a sample-quality or likelihood metric. */
    public static void addMetric(Binder binder, MetricFactory factory) {
        add(binder, PluginKind.METRIC, factory);
    }

    /** Registers an optimizer. */
    public static void addOptimizer(Binder binder, OptimizerFactory factory) {
        add(binder, PluginKind.OPTIMIZER, factory);
    }

    /** Registers a learning-rate schedule. */
    public static void addSchedule(Binder binder, ScheduleFactory factory) {
        add(binder, PluginKind.SCHEDULE, factory);
    }

    /** Registers a preset. */
    public static void addPreset(Binder binder, PresetFactory factory) {
        add(binder, PluginKind.PRESET, factory);
    }
}
