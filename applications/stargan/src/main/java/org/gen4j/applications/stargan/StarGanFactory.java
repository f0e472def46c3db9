package org.gen4j.applications.stargan;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import org.gen4j.core.model.PatchDiscriminator;
import org.gen4j.core.optim.OptimizerSpec;
import org.gen4j.core.procedure.NetworkRole;
import org.gen4j.core.procedure.ProcedureFactory;
import org.gen4j.core.procedure.ProcedureSetup;
import org.gen4j.core.procedure.TrainingProcedure;
import org.gen4j.core.spec.RegularizerSpec;
import org.gen4j.core.spec.SpecKey;
import org.gen4j.core.translate.CriticRegularizers;
import org.gen4j.core.translate.TranslationKeys;
import org.gen4j.core.translate.TranslationNetworks;
import org.gen4j.core.util.Options;

/**
 * The {@value #NAME} procedure ({@link StarGan}) on labelled data, whose classes are the
 * domains: a registered translator ({@code resnet}) on the image and the target's one-hot planes,
 * a patch critic ({@code patchgan}, without BatchNorm) with a domain head, the {@code
 * wasserstein} loss with the {@code penalty} ({@code wgan-gp}, weight 10), {@code class-weight}
 * 1, {@code reconstruction-weight} 10 of the {@code l1} term (mean), {@code n-critic} 5, Adam
 * (1e-4, betas 0.5 and 0.999), as the paper.
 */
final class StarGanFactory implements ProcedureFactory {

    static final String NAME = "stargan";

    static final SpecKey<String> GENERATOR = TranslationKeys.generator("resnet");
    static final SpecKey<String> LOSS = TranslationKeys.loss("wasserstein");
    static final SpecKey<String> PENALTY = SpecKey.name("penalty", "wgan-gp",
            "stargan: the critic's regularizer, a registered one (none: no penalty)");
    static final SpecKey<Double> PENALTY_WEIGHT = SpecKey.number("penalty-weight", 10, 0, 1e6,
            "stargan: the penalty's weight (lambda gp)");
    static final SpecKey<Double> CLASS_WEIGHT = SpecKey.number("class-weight", 1, 0, 1e4,
            "stargan: the weight of the domain classification terms (lambda cls)");
    static final SpecKey<String> RECONSTRUCTION = SpecKey.name("reconstruction", "l1",
            "stargan: the reconstruction term, a registered reconstruction loss (mean)");
    static final SpecKey<Double> RECONSTRUCTION_WEIGHT = SpecKey.number("reconstruction-weight",
            10, 0, 1e4, "stargan: the weight of the reconstruction term (lambda rec)");
    static final SpecKey<Integer> N_CRITIC = SpecKey.integer("n-critic", 5, 1, 100,
            "stargan: critic updates per generator update");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "StarGAN: one generator for every domain (the data's classes), a PatchGAN with a"
                + " domain head, WGAN-GP, classification and reconstruction terms";
    }

    @Override
    public List<SpecKey<?>> keys() {
        return List.of(GENERATOR, TranslationKeys.DISCRIMINATOR,
                TranslationKeys.DISCRIMINATOR_OPTIONS, LOSS, TranslationKeys.LOSS_OPTIONS,
                PENALTY, PENALTY_WEIGHT, CLASS_WEIGHT, RECONSTRUCTION, RECONSTRUCTION_WEIGHT,
                N_CRITIC, TranslationKeys.INIT_STD);
    }

    @Override
    public List<NetworkRole> networks() {
        OptimizerSpec adam = OptimizerSpec.adam(1e-4, 0.5, 0.999);
        return List.of(NetworkRole.of(StarGan.GENERATOR, adam),
                NetworkRole.of(StarGan.DISCRIMINATOR, adam));
    }

    @Override
    public TrainingProcedure create(ProcedureSetup setup) {
        int k = setup.data().numClasses();
        if (k < 2) {
            throw new IllegalArgumentException("procedure 'stargan' translates between the"
                    + " data's classes, but the data " + setup.data().description() + " has"
                    + (k == 0 ? " no labels" : " one class") + ": give labelled data (class"
                    + " sub-folders of an image folder, or an IDX label file)");
        }
        Shape shape = setup.data().sampleShape();
        String penalty = setup.spec().get(PENALTY);
        List<RegularizerSpec> regularizers = penalty.equals("none") ? List.of()
                : List.of(new RegularizerSpec(penalty, setup.spec().get(PENALTY_WEIGHT),
                        Map.of()));
        boolean batchNorm = regularizers.isEmpty();
        PatchDiscriminator critic = TranslationNetworks.critic(setup, shape, k, batchNorm);
        String rec = setup.spec().get(RECONSTRUCTION);
        return new StarGan(new StarGan.Parts(
                TranslationNetworks.generator(setup, GENERATOR, new Shape(shape.get(0) + k,
                        shape.get(1), shape.get(2)), shape), critic,
                CriticRegularizers.of(setup, regularizers, critic.scoreBlock(), shape,
                        StarGan.DISCRIMINATOR, critic.batchNorm()),
                TranslationNetworks.loss(setup, LOSS), setup.registry().reconstructionLoss(rec)
                        .create(new Options("reconstruction '" + rec + "'", Map.of("reduction",
                                "mean"))), setup.spec().get(CLASS_WEIGHT),
                setup.spec().get(RECONSTRUCTION_WEIGHT), setup.spec().get(N_CRITIC),
                setup.spec().get(TranslationKeys.INIT_STD).floatValue()), setup.data());
    }
}
