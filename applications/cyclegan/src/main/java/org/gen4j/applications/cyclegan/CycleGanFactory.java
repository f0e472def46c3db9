package org.gen4j.applications.cyclegan;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import org.gen4j.core.loss.ReconstructionLoss;
import org.gen4j.core.model.PatchDiscriminator;
import org.gen4j.core.optim.OptimizerSpec;
import org.gen4j.core.procedure.BatchField;
import org.gen4j.core.procedure.NetworkRole;
import org.gen4j.core.procedure.ProcedureFactory;
import org.gen4j.core.procedure.ProcedureSetup;
import org.gen4j.core.procedure.TrainingProcedure;
import org.gen4j.core.spec.PresetFactory;
import org.gen4j.core.spec.SpecKey;
import org.gen4j.core.translate.CriticRegularizers;
import org.gen4j.core.translate.TranslationKeys;
import org.gen4j.core.translate.TranslationNetworks;
import org.gen4j.core.util.Options;

/**
 * The {@value #NAME} procedure ({@link CycleGan}) on unpaired data: two registered translators
 * ({@code resnet} by default) and two patch critics ({@code patchgan}), the {@code
 * least-squares} loss, the registered {@code cycle} and {@code identity} terms (L1) with lambda
 * {@code cycle-weight} 10 and {@code identity-weight} 0.5 (of lambda), an image pool of {@code
 * pool-size} 50, Adam (2e-4, betas 0.5 and 0.999) for all four networks. The preset {@code
 * cyclegan} adds the paper's learning-rate schedule (constant, then linear to 0 over the second
 * half); the presets {@code discogan} and {@code dualgan} change only losses and networks.
 */
final class CycleGanFactory implements ProcedureFactory {

    static final String NAME = "cyclegan";

    static final SpecKey<String> GENERATOR = TranslationKeys.generator("resnet");
    static final SpecKey<String> LOSS = TranslationKeys.loss("least-squares");
    static final SpecKey<String> CYCLE = SpecKey.name("cycle-loss", "cycle",
            "cyclegan: the cycle term, a registered reconstruction loss");
    static final SpecKey<Map<String, Object>> CYCLE_OPTIONS = SpecKey.options("cycle-options",
            "cyclegan: options of the cycle term (distance l1 or l2)");
    static final SpecKey<Double> CYCLE_WEIGHT = SpecKey.number("cycle-weight", 10, 0, 1e6,
            "cyclegan: lambda, the weight of the cycle term");
    static final SpecKey<String> IDENTITY = SpecKey.name("identity-loss", "identity",
            "cyclegan: the identity term, a registered reconstruction loss");
    static final SpecKey<Double> IDENTITY_WEIGHT = SpecKey.number("identity-weight", 0.5, 0, 1e3,
            "cyclegan: the weight of the identity term, as a multiple of lambda (0: none)");
    static final SpecKey<Integer> POOL_SIZE = SpecKey.integer("pool-size", 50, 0, 10_000,
            "cyclegan: the generated images each critic's pool keeps (0: no pool)");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "CycleGAN: unpaired translation between two domains, two ResNet generators and"
                + " two PatchGANs, least squares, cycle and identity L1, image pools; data with"
                + " pairing=unpaired (A/ and B/) or fashion-domains";
    }

    @Override
    public List<SpecKey<?>> keys() {
        return List.of(GENERATOR, TranslationKeys.DISCRIMINATOR,
                TranslationKeys.DISCRIMINATOR_OPTIONS, LOSS, TranslationKeys.LOSS_OPTIONS,
                TranslationKeys.REGULARIZERS, CYCLE, CYCLE_OPTIONS, CYCLE_WEIGHT, IDENTITY,
                IDENTITY_WEIGHT, POOL_SIZE, TranslationKeys.INIT_STD);
    }

    @Override
    public List<NetworkRole> networks() {
        return List.of(NetworkRole.of(CycleGan.G_AB, OptimizerSpec.dcganAdam()),
                NetworkRole.of(CycleGan.G_BA, OptimizerSpec.dcganAdam()),
                NetworkRole.of(CycleGan.D_A, OptimizerSpec.dcganAdam()),
                NetworkRole.of(CycleGan.D_B, OptimizerSpec.dcganAdam()));
    }

    @Override
    public TrainingProcedure create(ProcedureSetup setup) {
        if (!setup.data().fields().contains(BatchField.UNPAIRED)) {
            throw new IllegalArgumentException("procedure 'cyclegan' trains on two unpaired"
                    + " domains, but the data " + setup.data().description() + " has one: give"
                    + " a folder with A/ and B/ and data option pairing=unpaired, or "
                    + FashionDomains.NAME);
        }
        Shape shape = setup.data().sampleShape();
        boolean batchNorm = !CriticRegularizers.forbidBatchNorm(setup);
        PatchDiscriminator da = TranslationNetworks.critic(setup, shape, 0, batchNorm);
        PatchDiscriminator db = TranslationNetworks.critic(setup, shape, 0, batchNorm);
        String identity = setup.spec().get(IDENTITY);
        return new CycleGan(new CycleGan.Parts(
                TranslationNetworks.generator(setup, GENERATOR, shape, shape),
                TranslationNetworks.generator(setup, GENERATOR, shape, shape), da, db,
                CriticRegularizers.of(setup, da.scoreBlock(), shape, CycleGan.D_A, da.batchNorm()),
                CriticRegularizers.of(setup, db.scoreBlock(), shape, CycleGan.D_B, db.batchNorm()),
                TranslationNetworks.loss(setup, LOSS), term(setup, setup.spec().get(CYCLE),
                        setup.spec().get(CYCLE_OPTIONS)), setup.spec().get(CYCLE_WEIGHT),
                term(setup, identity, setup.spec().get(CYCLE_OPTIONS)),
                setup.spec().get(IDENTITY_WEIGHT), setup.spec().get(POOL_SIZE),
                setup.spec().get(TranslationKeys.INIT_STD).floatValue()), setup.data());
    }

    private static ReconstructionLoss term(ProcedureSetup setup, String name,
            Map<String, Object> options) {
        return setup.registry().reconstructionLoss(name).create(new Options("reconstruction"
                + " loss '" + name + "'", options));
    }

    /** The paper's schedule: constant, then linear to 0 over the second half of the steps. */
    static PresetFactory cycleGanPreset() {
        return PresetFactory.of(NAME, "CycleGAN (Zhu et al. 2017): the learning rates constant"
                + " for the first half of the steps, then linearly to 0; use with --model"
                + " cyclegan", Map.of("schedule", Map.of("type", "linear", "start-fraction",
                0.5)));
    }

    /** DiscoGAN's losses and networks. */
    static PresetFactory discoGanPreset() {
        return PresetFactory.of("discogan", "DiscoGAN (Kim et al. 2017) as a cyclegan: the"
                + " non-saturating GAN loss, an L2 reconstruction of weight 1, no identity term"
                + " and no pool, encoder-decoder generators and critics with BatchNorm; use with"
                + " --model cyclegan", Map.of("loss", "non-saturating", "cycle-options",
                Map.of("distance", "l2"), "cycle-weight", 1.0, "identity-weight", 0.0,
                "pool-size", 0, "model-options", Map.of("blocks", 0, "norm", "batch"),
                "discriminator-options", Map.of("norm", "batch")));
    }

    /** DualGAN's losses and networks. */
    static PresetFactory dualGanPreset() {
        Map<String, Object> rmsprop = Map.of("type", "rmsprop", "lr", 5e-5);
        return PresetFactory.of("dualgan", "DualGAN (Yi et al. 2017) as a cyclegan: the"
                + " Wasserstein loss with weight clipping at 0.01, an L1 reconstruction of"
                + " weight 1000, no identity term and no pool, U-Net generators, RMSProp 5e-5;"
                + " use with --model cyclegan", Map.of("loss", "wasserstein", "regularizers",
                List.of(Map.of("name", "weight-clipping", "options", Map.of("c", 0.01))),
                "cycle-weight", 1000.0, "identity-weight", 0.0, "pool-size", 0,
                "generator", "unet", "discriminator-options", Map.of("norm", "none"),
                "optimizers", Map.of(CycleGan.G_AB, rmsprop, CycleGan.G_BA, rmsprop,
                        CycleGan.D_A, rmsprop, CycleGan.D_B, rmsprop)));
    }
}
