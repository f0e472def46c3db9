package org.gen4j.applications.pix2pix;

import ai.djl.ndarray.types.Shape;
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
 * The {@value #NAME} procedure (Isola et al. 2017): a registered translator ({@code unet} by
 * default) learns to turn each input into its paired target under a patch critic ({@code
 * patchgan}) that sees the input beside the output, with the adversarial loss (the paper's
 * {@code non-saturating} by default) plus {@code reconstruction-weight} (100) times a registered
 * reconstruction term ({@code l1}, its mean over the pixels). Both networks start from N(0,
 * 0.02) and train with Adam (2e-4, betas 0.5 and 0.999).
 */
final class Pix2PixFactory implements ProcedureFactory {

    static final String NAME = "pix2pix";

    static final SpecKey<String> GENERATOR = TranslationKeys.generator("unet");
    static final SpecKey<String> LOSS = TranslationKeys.loss("non-saturating");
    static final SpecKey<String> RECONSTRUCTION = SpecKey.name("reconstruction", "l1",
            "pix2pix: the content term, a registered reconstruction loss (its mean over the"
                    + " pixels)");
    static final SpecKey<Double> RECONSTRUCTION_WEIGHT = SpecKey.number("reconstruction-weight",
            100, 0, 1e6, "pix2pix: the weight of the content term (the paper's lambda, 100)");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "pix2pix: paired image-to-image translation, a U-Net under a conditional"
                + " PatchGAN with 100 x L1; data with targets (pairing=folders or"
                + " side-by-side, or fashion-edges)";
    }

    @Override
    public List<SpecKey<?>> keys() {
        return List.of(GENERATOR, TranslationKeys.DISCRIMINATOR,
                TranslationKeys.DISCRIMINATOR_OPTIONS, LOSS, TranslationKeys.LOSS_OPTIONS,
                RECONSTRUCTION, RECONSTRUCTION_WEIGHT, TranslationKeys.INIT_STD);
    }

    @Override
    public List<NetworkRole> networks() {
        return List.of(NetworkRole.of(PairedTranslation.GENERATOR, OptimizerSpec.dcganAdam()),
                NetworkRole.of(PairedTranslation.DISCRIMINATOR, OptimizerSpec.dcganAdam()));
    }

    @Override
    public TrainingProcedure create(ProcedureSetup setup) {
        Shape input = setup.data().sampleShape();
        Shape output = TranslationNetworks.targets(setup, NAME);
        Translator g = TranslationNetworks.generator(setup, GENERATOR, input, output);
        PatchDiscriminator d = TranslationNetworks.critic(setup,
                PairedTranslation.criticInput(input, output, true), 0, true);
        String term = setup.spec().get(RECONSTRUCTION);
        WeightedTerm content = new WeightedTerm(term.replace('-', '_'), setup.registry()
                .reconstructionLoss(term).create(new Options("reconstruction '" + term + "'",
                        Map.of("reduction", "mean"))), setup.spec().get(RECONSTRUCTION_WEIGHT));
        return new PairedTranslation(new PairedTranslation.Parts(g, d, true,
                TranslationNetworks.loss(setup, LOSS), 1, List.of(content),
                setup.spec().get(TranslationKeys.INIT_STD).floatValue()), setup.data());
    }
}
