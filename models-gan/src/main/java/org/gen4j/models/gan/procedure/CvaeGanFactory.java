package org.gen4j.models.gan.procedure;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.util.List;
import org.gen4j.core.augment.DiffAugment;
import org.gen4j.core.model.NetworkSpec;
import org.gen4j.core.nn.LabelConditioning;
import org.gen4j.core.optim.OptimizerSpec;
import org.gen4j.core.procedure.NetworkRole;
import org.gen4j.core.procedure.ProcedureFactory;
import org.gen4j.core.procedure.ProcedureSetup;
import org.gen4j.core.procedure.TrainingProcedure;
import org.gen4j.core.procedure.WeightAverage;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spec.SpecKey;

/**
 * The {@value #NAME} procedure ({@link CvaeGan}): its four networks from registered
 * architectures. G is the generator architecture with the label code appended to z; D is the
 * discriminator architecture; C and E are the discriminator architecture's body with a linear
 * head of class logits, and of the code's mean and log-variance (E sees the label as planes or
 * values, as a cgan critic does). Every network has its optimizer under {@code
 * optimizers.<network>}, the DCGAN paper's Adam by default.
 */
public final class CvaeGanFactory implements ProcedureFactory {

    /** The procedure's name. */
    public static final String NAME = "cvae-gan";

    /** The KL weight, lambda 1 of the paper. */
    public static final SpecKey<Double> KL_WEIGHT = SpecKey.number("kl-weight", 100, 0, 1e4,
            "cvae-gan: the weight of the encoder's KL divergence (the paper's lambda 1 is 3;"
                    + " with 28x28 images and summed reconstruction terms, 100 makes the"
                    + " generator use the class within a few hundred steps)");
    /** The reconstruction weight, lambda 2. */
    public static final SpecKey<Double> RECONSTRUCTION_WEIGHT = SpecKey.number(
            "reconstruction-weight", 1, 0, 1e4, "cvae-gan: the weight of the pixel and feature"
                    + " reconstruction of E and G (lambda 2)");
    /** The mean feature matching weight, lambdas 3 and 4. */
    public static final SpecKey<Double> FEATURE_WEIGHT = SpecKey.number("feature-weight", 1e-3,
            0, 1e4, "cvae-gan: the weight of G's mean feature matching against D and C"
                    + " (lambdas 3 and 4)");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "CVAE-GAN (Bao et al. 2017): encoder, generator, classifier and discriminator"
                + " trained together; reconstruction, KL, adversarial, classification and"
                + " feature-matching losses; needs labelled data";
    }

    @Override
    public List<SpecKey<?>> keys() {
        return List.of(GanKeys.DISCRIMINATOR, GanKeys.LATENT_SIZE, GanKeys.INIT_STD,
                GanKeys.CONDITION, GanKeys.EMBEDDING_SIZE, KL_WEIGHT, RECONSTRUCTION_WEIGHT,
                FEATURE_WEIGHT, DiffAugment.KEY, WeightAverage.KEY);
    }

    @Override
    public List<NetworkRole> networks() {
        return List.of(
                new NetworkRole(CvaeGan.ENCODER, OptimizerSpec.dcganAdam(), null),
                new NetworkRole(CvaeGan.GENERATOR, OptimizerSpec.dcganAdam(), null),
                new NetworkRole(CvaeGan.CLASSIFIER, OptimizerSpec.dcganAdam(), null),
                new NetworkRole(CvaeGan.DISCRIMINATOR, OptimizerSpec.dcganAdam(), null));
    }

    @Override
    public TrainingProcedure create(ProcedureSetup setup) {
        RunSpec spec = setup.spec();
        Shape sample = setup.data().sampleShape();
        int classes = setup.data().numClasses();
        if (classes < 2) {
            throw new IllegalArgumentException("procedure 'cvae-gan' needs class labels, but the"
                    + " data " + setup.data().description() + " has none");
        }
        DiffAugment augment = DiffAugment.of(spec.get(DiffAugment.KEY));
        if (!augment.isEmpty() && sample.dimension() != 3) {
            throw new IllegalArgumentException("diff-augment transforms images (C, H, W), but"
                    + " the data " + setup.data().description() + " has samples of shape "
                    + sample + "; leave diff-augment empty for it");
        }
        String g = GanNetworks.architecture(spec, sample);
        String d = spec.get(GanKeys.DISCRIMINATOR) != null ? spec.get(GanKeys.DISCRIMINATOR) : g;
        int latent = spec.get(GanKeys.LATENT_SIZE);
        LabelConditioning gc = GanNetworks.condition(spec, classes, "generator");
        LabelConditioning ec = GanNetworks.condition(spec, classes, "encoder");
        Block generator = new SequentialBlock().add(gc).add(setup.registry().generator(g)
                .create(new NetworkSpec(sample, latent + gc.codeSize(),
                        setup.modelOptions("model '" + g + "'"))).block());
        Block encoder = new SequentialBlock().add(ec).add(FeatureHead.linear(
                critic(setup, d, GanNetworks.widened(sample, ec.codeSize()), latent),
                2L * latent, d));
        Block classifier = FeatureHead.linear(critic(setup, d, sample, latent), classes, d);
        Block discriminator = FeatureHead.scored(critic(setup, d, sample, latent), d);
        return new CvaeGan(new CvaeGan.Parts(encoder, generator, classifier, discriminator,
                latent, classes, spec.get(GanKeys.INIT_STD).floatValue(), spec.get(KL_WEIGHT),
                spec.get(RECONSTRUCTION_WEIGHT), spec.get(FEATURE_WEIGHT), augment,
                spec.get(WeightAverage.KEY)), setup.data());
    }

    private static Block critic(ProcedureSetup setup, String d, Shape input, int latent) {
        return setup.registry().discriminator(d).create(new NetworkSpec(input, latent,
                setup.modelOptions("model '" + d + "'"))).block();
    }
}
