package org.gen4j.applications.superresolution;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gen4j.core.model.PatchDiscriminator;
import org.gen4j.core.model.Translator;
import org.gen4j.core.optim.OptimizerSpec;
import org.gen4j.core.procedure.NetworkRole;
import org.gen4j.core.procedure.ProcedureFactory;
import org.gen4j.core.procedure.ProcedureSetup;
import org.gen4j.core.procedure.TrainingProcedure;
import org.gen4j.core.spec.SpecKey;
import org.gen4j.core.translate.PairedTranslation;
import org.gen4j.core.translate.TranslationKeys;
import org.gen4j.core.translate.TranslationNetworks;
import org.gen4j.core.translate.WeightedTerm;
import org.gen4j.core.util.Options;

/**
 * The {@value #NAME} procedure (Ledig et al. 2017): a registered upscaling translator ({@code
 * srresnet} by default, the scale read from the data: targets over inputs) learns the content
 * loss, {@code pixel-weight} times a pixel term ({@code l2} by default, its mean over the
 * pixels) plus {@code perceptual-weight} times the {@code perceptual} term (classifier
 * features), and {@code adversarial-weight} (1e-3, the paper's) times the user's adversarial
 * loss under a patch critic of the output. {@code adversarial-weight: 0} trains the
 * content-only generator (SRResNet). Adam (1e-4, betas 0.9 and 0.999), as the paper.
 */
final class SrganFactory implements ProcedureFactory {

    static final String NAME = "srgan";

    static final SpecKey<String> GENERATOR = TranslationKeys.generator("srresnet");
    static final SpecKey<String> LOSS = TranslationKeys.loss("non-saturating");
    static final SpecKey<Double> ADVERSARIAL_WEIGHT = SpecKey.number("adversarial-weight", 1e-3,
            0, 1e4, "srgan: the weight of the adversarial term (0: the content-only SRResNet)");
    static final SpecKey<String> PIXEL_LOSS = SpecKey.name("pixel-loss", "l2",
            "srgan: the pixel content term, a registered reconstruction loss (its mean over the"
                    + " pixels)");
    static final SpecKey<Double> PIXEL_WEIGHT = SpecKey.number("pixel-weight", 1, 0, 1e4,
            "srgan: the weight of the pixel term");
    static final SpecKey<String> PERCEPTUAL_LOSS = SpecKey.name("perceptual-loss", "perceptual",
            "srgan: the feature content term, a registered reconstruction loss");
    static final SpecKey<Map<String, Object>> PERCEPTUAL_OPTIONS = SpecKey.options(
            "perceptual-options", "srgan: options of the feature content term (weights)");
    static final SpecKey<Double> PERCEPTUAL_WEIGHT = SpecKey.number("perceptual-weight", 0.01, 0,
            1e4, "srgan: the weight of the feature term (0: pixels only)");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "SRGAN super-resolution: SRResNet under a PatchGAN, pixel + perceptual content"
                + " loss; data with larger targets (fashion-lowres, or pairing=folders)";
    }

    @Override
    public List<SpecKey<?>> keys() {
        return List.of(GENERATOR, TranslationKeys.DISCRIMINATOR,
                TranslationKeys.DISCRIMINATOR_OPTIONS, LOSS, TranslationKeys.LOSS_OPTIONS,
                ADVERSARIAL_WEIGHT, PIXEL_LOSS, PIXEL_WEIGHT, PERCEPTUAL_LOSS, PERCEPTUAL_OPTIONS,
                PERCEPTUAL_WEIGHT, TranslationKeys.INIT_STD);
    }

    @Override
    public List<NetworkRole> networks() {
        OptimizerSpec adam = OptimizerSpec.adam(1e-4, 0.9, 0.999);
        return List.of(NetworkRole.of(PairedTranslation.GENERATOR, adam),
                NetworkRole.of(PairedTranslation.DISCRIMINATOR, adam));
    }

    @Override
    public TrainingProcedure create(ProcedureSetup setup) {
        Shape input = setup.data().sampleShape();
        Shape output = TranslationNetworks.targets(setup, NAME);
        Translator g = TranslationNetworks.generator(setup, GENERATOR, input, output);
        PatchDiscriminator d = TranslationNetworks.critic(setup, output, 0, true);
        List<WeightedTerm> content = new ArrayList<>();
        String pixel = setup.spec().get(PIXEL_LOSS);
        content.add(new WeightedTerm("pixel", setup.registry().reconstructionLoss(pixel)
                .create(new Options("pixel-loss '" + pixel + "'", Map.of("reduction", "mean"))),
                setup.spec().get(PIXEL_WEIGHT)));
        double perceptualWeight = setup.spec().get(PERCEPTUAL_WEIGHT);
        if (perceptualWeight > 0) {
            String name = setup.spec().get(PERCEPTUAL_LOSS);
            content.add(new WeightedTerm("perceptual", setup.registry().reconstructionLoss(name)
                    .create(new Options("perceptual-loss '" + name + "'",
                            setup.spec().get(PERCEPTUAL_OPTIONS))), perceptualWeight));
        }
        return new PairedTranslation(new PairedTranslation.Parts(g, d, false,
                TranslationNetworks.loss(setup, LOSS), setup.spec().get(ADVERSARIAL_WEIGHT),
                content, setup.spec().get(TranslationKeys.INIT_STD).floatValue()), setup.data());
    }
}
