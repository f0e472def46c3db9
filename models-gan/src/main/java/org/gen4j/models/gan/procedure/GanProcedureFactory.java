package org.gen4j.models.gan.procedure;

import java.util.ArrayList;
import java.util.List;
import org.gen4j.core.augment.DiffAugment;
import org.gen4j.core.loss.GanLoss;
import org.gen4j.core.loss.RegularizerFactory;
import org.gen4j.core.loss.WeightedRegularizer;
import org.gen4j.core.optim.OptimizerSpec;
import org.gen4j.core.procedure.NetworkRole;
import org.gen4j.core.procedure.ProcedureFactory;
import org.gen4j.core.procedure.ProcedureSetup;
import org.gen4j.core.procedure.TrainingProcedure;
import org.gen4j.core.procedure.WeightAverage;
import org.gen4j.core.spec.RegularizerSpec;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spec.SpecKey;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.util.Options;
import org.gen4j.models.gan.biggan.BigGan;
import org.gen4j.models.gan.progan.ProGan;

/**
 * The GAN training procedures, all one alternating step ({@link AlternatingGanStep}) with any
 * registered loss, regularizers and architectures:
 *
 * <ul>
 *   <li>{@value #GAN} (Goodfellow et al. 2014);
 *   <li>{@value #CGAN}, the conditional GAN (Mirza and Osindero 2014): generator and
 *       discriminator both see the class label, concatenated one-hot or as a learned embedding;
 *   <li>{@value #ACGAN} (Odena et al. 2017): the generator sees the label, the discriminator
 *       predicts it with a second head ({@link AuxiliaryClassifier});
 *   <li>{@value #INFOGAN} (Chen et al. 2016): categorical and continuous codes whose mutual
 *       information with the image a Q head maximises ({@link InformationCodes}).
 * </ul>
 *
 * <p>All train the networks {@code generator} and {@code discriminator} (optimizers under
 * {@code optimizers.generator} and {@code optimizers.discriminator}, or the older keys {@code
 * optimizer-g} and {@code optimizer-d}); all default to the DCGAN paper's Adam. The {@code gan}
 * procedure also trains any registered generator named as the model ({@code model: dcgan}).
 * The others take any architecture: {@code model: cgan} takes {@code dcgan} for 28x28 and 64x64
 * images and {@code mlp-gan} otherwise, and {@code procedure: acgan} with {@code model: sngan}
 * picks the architecture.
 */
public final class GanProcedureFactory implements ProcedureFactory {

    /** The unconditional GAN. */
    public static final String GAN = "gan";
    /** The conditional GAN. */
    public static final String CGAN = "cgan";
    /** The auxiliary-classifier GAN. */
    public static final String ACGAN = "acgan";
    /** InfoGAN. */
    public static final String INFOGAN = "infogan";
    /** Progressive growing. */
    public static final String PROGAN = "progan";
    /** A small BigGAN. */
    public static final String BIGGAN = BigGan.NAME;

    private final String name;

    private GanProcedureFactory(String name) {
        this.name = name;
    }

    /** The {@value #GAN} procedure. */
    public static GanProcedureFactory unconditional() {
        return new GanProcedureFactory(GAN);
    }

    /** The {@value #CGAN} procedure. */
    public static GanProcedureFactory conditional() {
        return new GanProcedureFactory(CGAN);
    }

    /** The {@value #ACGAN} procedure. */
    public static GanProcedureFactory auxiliaryClassifier() {
        return new GanProcedureFactory(ACGAN);
    }

    /** The {@value #PROGAN} procedure. */
    public static GanProcedureFactory progressive() {
        return new GanProcedureFactory(PROGAN);
    }

    /** The {@value #BIGGAN} procedure. */
    public static GanProcedureFactory bigGan() {
        return new GanProcedureFactory(BIGGAN);
    }

    /** The {@value #INFOGAN} procedure. */
    public static GanProcedureFactory infoGan() {
        return new GanProcedureFactory(INFOGAN);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return switch (name) {
            case CGAN -> "Conditional GAN (Mirza and Osindero 2014): both networks see the class"
                    + " label; dcgan, sngan or mlp-gan networks, any loss and penalty; needs"
                    + " labelled data";
            case ACGAN -> "ACGAN (Odena et al. 2017): the generator sees the class, the"
                    + " discriminator also classifies real and generated images; needs labelled"
                    + " data";
            case INFOGAN -> "InfoGAN (Chen et al. 2016): categorical and continuous codes whose"
                    + " mutual information with the image a Q head on the discriminator"
                    + " maximises; no labels needed (gen4j traverse varies one code)";
            case BIGGAN -> "A small class-conditional BigGAN (Brock et al. 2019): residual"
                    + " blocks, conditional BatchNorm on a shared class embedding and z chunks,"
                    + " self-attention, spectral normalisation, projection discriminator;"
                    + " --preset biggan for its hinge loss and optimizers; needs labelled data";
            case PROGAN -> "ProGAN (Karras et al. 2018): the progan networks grown from 7x7 or"
                    + " 4x4 to the data's side with fade-in (phase-steps), minibatch standard"
                    + " deviation and the equalised learning rate";
            default -> "GAN: alternating discriminator and generator updates with any loss,"
                    + " regularizers and architectures (model: dcgan, sngan, mlp-gan, ...)";
        };
    }

    @Override
    public List<SpecKey<?>> keys() {
        return switch (name) {
            case CGAN -> GanKeys.with(GanKeys.CONDITION, GanKeys.EMBEDDING_SIZE);
            case ACGAN -> GanKeys.with(GanKeys.CONDITION, GanKeys.EMBEDDING_SIZE,
                    GanKeys.CLASS_WEIGHT);
            case INFOGAN -> GanKeys.with(GanKeys.CATEGORIES, GanKeys.CONTINUOUS_CODES,
                    GanKeys.INFO_WEIGHT, GanKeys.CONTINUOUS_WEIGHT);
            case PROGAN -> GanKeys.progan();
            case BIGGAN -> GanKeys.common().stream().filter(k -> k != GanKeys.DISCRIMINATOR)
                    .toList();
            default -> GanKeys.common();
        };
    }

    @Override
    public List<NetworkRole> networks() {
        return List.of(
                new NetworkRole(AlternatingGanStep.GENERATOR, OptimizerSpec.dcganAdam(),
                        "optimizer-g"),
                new NetworkRole(AlternatingGanStep.DISCRIMINATOR, OptimizerSpec.dcganAdam(),
                        "optimizer-d"));
    }

    @Override
    public boolean trainsArchitecture(String model, Registry registry) {
        return name.equals(GAN) && GanNetworks.isGenerator(registry, model);
    }

    /**
     * Checks the loss and regularizer names, and writes out each regularizer's weight (a missing
     * weight takes the regularizer's default), so that the stored spec records the value used.
     */
    @Override
    public RunSpec complete(RunSpec spec, Registry registry) {
        registry.loss(spec.get(GanKeys.LOSS));
        if (keys().contains(GanKeys.DISCRIMINATOR) && spec.get(GanKeys.DISCRIMINATOR) != null) {
            registry.discriminator(spec.get(GanKeys.DISCRIMINATOR));
        }
        List<RegularizerSpec> resolved = new ArrayList<>();
        List<RegularizerSpec> given = spec.get(GanKeys.REGULARIZERS);
        for (int i = 0; i < given.size(); i++) {
            RegularizerSpec r = given.get(i);
            if (r.name() == null || r.name().isBlank()) {
                throw new IllegalArgumentException("regularizers[" + i + "].name must be set");
            }
            RegularizerFactory f = registry.regularizer(r.name());
            double w = r.weight() != null ? r.weight() : f.defaultWeight();
            if (!(w >= 0 && w <= 1e6)) {
                throw new IllegalArgumentException("regularizers[" + i + "].weight must be in"
                        + " [0, 1000000], got " + w);
            }
            resolved.add(new RegularizerSpec(r.name(), w, r.options()));
        }
        return spec.with(GanKeys.REGULARIZERS, resolved);
    }

    @Override
    public TrainingProcedure create(ProcedureSetup setup) {
        RunSpec spec = setup.spec();
        String lossName = spec.get(GanKeys.LOSS);
        GanLoss loss = setup.registry().loss(lossName).create(new Options("loss '" + lossName
                + "'", spec.get(GanKeys.LOSS_OPTIONS)));
        List<WeightedRegularizer> regs = new ArrayList<>();
        for (RegularizerSpec r : spec.get(GanKeys.REGULARIZERS)) {
            RegularizerFactory f = setup.registry().regularizer(r.name());
            regs.add(new WeightedRegularizer(f.create(new Options("regularizer '" + r.name()
                    + "'", r.options())), r.weight() == null ? f.defaultWeight() : r.weight()));
        }
        DiffAugment augment = DiffAugment.of(spec.get(DiffAugment.KEY));
        if (!augment.isEmpty() && setup.data().sampleShape().dimension() != 3) {
            throw new IllegalArgumentException("diff-augment transforms images (C, H, W), but"
                    + " the data " + setup.data().description() + " has samples of shape "
                    + setup.data().sampleShape() + "; leave diff-augment empty for it");
        }
        AuxiliaryTask auxiliary = switch (name) {
            case ACGAN -> new AuxiliaryClassifier(Math.max(2, setup.data().numClasses()),
                    spec.get(GanKeys.CLASS_WEIGHT));
            case INFOGAN -> new InformationCodes(spec.get(GanKeys.CATEGORIES),
                    spec.get(GanKeys.CONTINUOUS_CODES), spec.get(GanKeys.INFO_WEIGHT),
                    spec.get(GanKeys.CONTINUOUS_WEIGHT));
            default -> null;
        };
        boolean labelsToGenerator = name.equals(CGAN) || name.equals(ACGAN);
        GanNetworks nets = name.equals(BIGGAN) ? bigGanNetworks(setup, regs)
                : GanNetworks.build(setup, regs, labelsToGenerator, name.equals(CGAN),
                        auxiliary);
        Growth growth = name.equals(PROGAN) ? growth(nets, spec) : null;
        float initStd = growth != null ? 1f : spec.get(GanKeys.INIT_STD).floatValue();
        return new AlternatingGanStep(nets, loss, regs, setup.data(),
                new AlternatingGanStep.Settings(spec.get(GanKeys.N_CRITIC),
                        spec.get(GanKeys.LATENT_SIZE), initStd, augment,
                        spec.get(WeightAverage.KEY), auxiliary, growth,
                        spec.get(GanKeys.REUSE_FAKES)));
    }

    private static GanNetworks bigGanNetworks(ProcedureSetup setup,
            List<WeightedRegularizer> regularizers) {
        if (!regularizers.isEmpty()) {
            throw new IllegalArgumentException("procedure biggan takes no regularizers: its"
                    + " critic reads the labels itself, which a penalty's input gradient cannot"
                    + " hold fixed, and spectral normalisation already bounds it; remove"
                    + " regularizers");
        }
        RunSpec spec = setup.spec();
        if (!spec.model().equals(BIGGAN)) {
            throw new IllegalArgumentException("procedure biggan builds its own networks; give"
                    + " model: biggan, not " + spec.model());
        }
        return GanNetworks.labelled(BigGan.generator(setup.data().sampleShape(),
                spec.get(GanKeys.LATENT_SIZE), setup.data().numClasses(),
                setup.modelOptions("model 'biggan'")),
                BigGan.discriminator(setup.data().sampleShape(), setup.data().numClasses(),
                        setup.modelOptions("model 'biggan'")));
    }

    private static Growth growth(GanNetworks nets, RunSpec spec) {
        if (!(nets.generator().block() instanceof ProGan.Grown g)
                || !(nets.discriminator().block() instanceof ProGan.Grown d)) {
            throw new IllegalArgumentException("procedure progan grows the progan networks; the"
                    + " spec names " + spec.model() + (spec.get(GanKeys.DISCRIMINATOR) == null
                    ? "" : " and " + spec.get(GanKeys.DISCRIMINATOR)));
        }
        return new Growth(List.of(g, d), spec.get(GanKeys.PHASE_STEPS));
    }
}
