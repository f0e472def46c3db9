package org.gen4j.core.spi;

import java.util.List;
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
import org.gen4j.core.model.PatchDiscriminatorFactory;
import org.gen4j.core.model.TranslatorFactory;
import org.gen4j.core.optim.OptimizerFactory;
import org.gen4j.core.optim.ScheduleFactory;
import org.gen4j.core.procedure.ProcedureFactory;
import org.gen4j.core.spec.PresetFactory;
import org.gen4j.core.translate.InpainterFactory;

/**
 * A kind of component that plugins register, each with its own name space: losses, generators,
 * training procedures, optimizers, and any kind a plugin defines for itself.
 *
 * <p>Kinds are open. The core's kinds are the constants here; a plugin that brings a new kind of
 * component (a kernel for a moment-matching procedure, a feature network) declares it once with
 * {@link #of} and registers factories of it with {@link GenBindings#add}. The kind then appears
 * in {@link Registry#kinds()}, in {@code gen4j list}, and in lookups by name, without any change
 * to the core. A kind is identified by its factory interface; its nouns are for messages.
 *
 * @param <T> the factory interface registered for this kind
 */
public final class PluginKind<T extends NamedFactory> {

    private static final Pattern NOUN = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    /** Adversarial losses ({@code non-saturating}, {@code wasserstein}, ...). */
    public static final PluginKind<GanLossFactory> LOSS =
            new PluginKind<>("loss", "losses", GanLossFactory.class);
    /** Reconstruction terms ({@code l2}, {@code l1}, {@code bce}, ...). */
    public static final PluginKind<ReconstructionLossFactory> RECONSTRUCTION_LOSS =
            new PluginKind<>("reconstruction-loss", "reconstruction-losses",
                    ReconstructionLossFactory.class);
    /** VAE objectives ({@code kl-reconstruction}). */
    public static final PluginKind<VariationalLossFactory> VARIATIONAL_LOSS =
            new PluginKind<>("variational-loss", "variational-losses",
                    VariationalLossFactory.class);
    /** Regularizers of a critic ({@code wgan-gp}, {@code weight-clipping}, ...). */
    public static final PluginKind<RegularizerFactory> REGULARIZER =
            new PluginKind<>("regularizer", "regularizers", RegularizerFactory.class);
    /** Generator architectures ({@code dcgan}, {@code mlp-gan}). */
    public static final PluginKind<GeneratorFactory> GENERATOR =
            new PluginKind<>("generator", "generators", GeneratorFactory.class);
    /** Discriminator (critic) architectures. */
    public static final PluginKind<DiscriminatorFactory> DISCRIMINATOR =
            new PluginKind<>("discriminator", "discriminators", DiscriminatorFactory.class);
    /** Image-to-image networks ({@code unet}, {@code resnet}, {@code srresnet}). */
    public static final PluginKind<TranslatorFactory> TRANSLATOR =
            new PluginKind<>("translator", "translators", TranslatorFactory.class);

    /** Critics that score every patch of an image ({@code patchgan}). */
    public static final PluginKind<PatchDiscriminatorFactory> PATCH_DISCRIMINATOR =
            new PluginKind<>("patch-discriminator", "patch-discriminators",
                    PatchDiscriminatorFactory.class);

    /** Inpainting methods for trained models ({@code semantic}). */
    public static final PluginKind<InpainterFactory> INPAINTER =
            new PluginKind<>("inpainter", "inpainters", InpainterFactory.class);

    /** Named data sets. */
    public static final PluginKind<DatasetFactory> DATASET =
            new PluginKind<>("dataset", "datasets", DatasetFactory.class);
    /** Sample-quality and likelihood metrics. */
    public static final PluginKind<MetricFactory> METRIC =
            new PluginKind<>("metric", "metrics", MetricFactory.class);
    /** Training procedures ({@code gan}, {@code cgan}, ...). */
    public static final PluginKind<ProcedureFactory> PROCEDURE =
            new PluginKind<>("procedure", "procedures", ProcedureFactory.class);
    /** Optimizers ({@code adam}, {@code rmsprop}, {@code sgd}). */
    public static final PluginKind<OptimizerFactory> OPTIMIZER =
            new PluginKind<>("optimizer", "optimizers", OptimizerFactory.class);
    /** Learning-rate schedules ({@code constant}, {@code linear}, {@code step}, {@code cosine}). */
    public static final PluginKind<ScheduleFactory> SCHEDULE =
            new PluginKind<>("schedule", "schedules", ScheduleFactory.class);
    /** Presets: named bundles of spec keys ({@code wgan}, {@code wgan-gp}). */
    public static final PluginKind<PresetFactory> PRESET =
            new PluginKind<>("preset", "presets", PresetFactory.class);

    private final String singular;
    private final String plural;
    private final Class<T> factoryType;

    private PluginKind(String singular, String plural, Class<T> factoryType) {
        this.singular = checkNoun(singular, "singular");
        this.plural = checkNoun(plural, "plural");
        this.factoryType = Objects.requireNonNull(factoryType, "factoryType is null");
    }

    private static String checkNoun(String noun, String what) {
        Objects.requireNonNull(noun, what + " is null");
        if (!NOUN.matcher(noun).matches()) {
            throw new IllegalArgumentException("the " + what + " noun of a plugin kind must be"
                    + " lower-kebab-case, got '" + noun + "'");
        }
        return noun;
    }

    /**
     * A plugin kind of a plugin's own, for example {@code PluginKind.of("kernel", "kernels",
     * KernelFactory.class)}. Declare it once, in a constant, and register its factories with
     * {@link GenBindings#add}.
     *
     * @param singular the noun for one, as in "Unknown kernel 'x'"
     * @param plural the noun for several, as in "Known kernels: [...]" and {@code gen4j list
     *     kernels}
     * @param factoryType the factory interface; it identifies the kind
     */
    public static <T extends NamedFactory> PluginKind<T> of(String singular, String plural,
            Class<T> factoryType) {
        return new PluginKind<>(singular, plural, factoryType);
    }

    /** The core's kinds, in the order {@code gen4j list} shows them. */
    public static List<PluginKind<?>> builtIn() {
        return List.of(PROCEDURE, GENERATOR, DISCRIMINATOR, TRANSLATOR, PATCH_DISCRIMINATOR, LOSS,
                RECONSTRUCTION_LOSS, VARIATIONAL_LOSS, REGULARIZER, OPTIMIZER, SCHEDULE, PRESET,
                DATASET, METRIC, INPAINTER);
    }

    /** The singular noun, as in "Unknown loss 'x'". */
    public String singular() {
        return singular;
    }

    /** The plural noun, as in "Known losses: [...]". */
    public String plural() {
        return plural;
    }

    /** The factory interface registered for this kind. */
    public Class<T> factoryType() {
        return factoryType;
    }

    /** Two kinds are the same kind when they register the same factory interface. */
    @Override
    public boolean equals(Object other) {
        return other instanceof PluginKind<?> k && k.factoryType == factoryType;
    }

    @Override
    public int hashCode() {
        return factoryType.hashCode();
    }

    @Override
    public String toString() {
        return plural;
    }
}
