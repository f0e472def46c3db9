package org.gen4j.models.ae.procedure;

import java.util.List;
import org.gen4j.core.loss.ReconstructionLoss;
import org.gen4j.core.loss.VariationalLoss;
import org.gen4j.core.nn.LabelConditioning;
import org.gen4j.core.optim.OptimizerSpec;
import org.gen4j.core.procedure.NetworkRole;
import org.gen4j.core.procedure.ProcedureFactory;
import org.gen4j.core.procedure.ProcedureSetup;
import org.gen4j.core.procedure.TrainingProcedure;
import org.gen4j.core.spec.CommonKeys;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spec.SpecKey;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.util.Options;
import org.gen4j.core.likelihood.PixelLikelihoods;
import org.gen4j.models.ae.networks.AeNetworks;

/**
 * The procedures of this plugin: {@value #AE}, {@value #VAE} and {@value #CVAE}. Each trains the
 * networks {@code encoder} and {@code decoder} (default optimizer Adam 1e-3) with MLP or
 * convolutional architectures ({@link AeNetworks}, from {@code model-options}).
 */
public final class AutoencoderFactories {

    /** The plain autoencoder. */
    public static final String AE = "ae";
    /** The variational autoencoder. */
    public static final String VAE = "vae";
    /** The conditional variational autoencoder. */
    public static final String CVAE = "cvae";

    private AutoencoderFactories() {}

    /** New factories of the three procedures. */
    public static List<ProcedureFactory> all() {
        return List.of(new Ae(), new Variational(false), new Variational(true));
    }

    private static List<NetworkRole> roles() {
        OptimizerSpec adam = OptimizerSpec.adam(1e-3, 0.9, 0.999);
        return List.of(NetworkRole.of(Autoencoder.ENCODER, adam),
                NetworkRole.of(Autoencoder.DECODER, adam));
    }

    private static AeNetworks architecture(ProcedureSetup setup, String name) {
        return AeNetworks.from(setup.modelOptions("model '" + name + "'"),
                setup.data().sampleShape());
    }

    private static final class Ae implements ProcedureFactory {
        @Override
        public String name() {
            return AE;
        }

        @Override
        public String description() {
            return "Autoencoder: encoder and decoder trained on a reconstruction term (l2, l1,"
                    + " bce); no labels";
        }

        @Override
        public List<SpecKey<?>> keys() {
            return AeKeys.autoencoder();
        }

        @Override
        public List<NetworkRole> networks() {
            return roles();
        }

        @Override
        public RunSpec complete(RunSpec spec, Registry registry) {
            registry.reconstructionLoss(spec.get(AeKeys.RECONSTRUCTION));
            return spec;
        }

        @Override
        public TrainingProcedure create(ProcedureSetup setup) {
            RunSpec spec = setup.spec();
            String name = spec.get(AeKeys.RECONSTRUCTION);
            ReconstructionLoss loss = setup.registry().reconstructionLoss(name).create(
                    new Options("loss '" + name + "'", spec.get(AeKeys.LOSS_OPTIONS)));
            return new Autoencoder(setup.data(), spec.get(AeKeys.LATENT_SIZE), loss,
                    architecture(setup, AE));
        }
    }

    private static final class Variational implements ProcedureFactory {
        private final boolean conditional;

        Variational(boolean conditional) {
            this.conditional = conditional;
        }

        @Override
        public String name() {
            return conditional ? CVAE : VAE;
        }

        @Override
        public String description() {
            return conditional
                    ? "Conditional VAE (Sohn et al. 2015): encoder and decoder see the class"
                            + " label; generates a chosen class; needs labelled data"
                    : "Variational autoencoder (Kingma and Welling 2014): reparameterised"
                            + " Gaussian codes, kl-reconstruction objective, ELBO and IWAE"
                            + " likelihoods";
        }

        @Override
        public List<SpecKey<?>> keys() {
            return AeKeys.variational(conditional);
        }

        @Override
        public List<NetworkRole> networks() {
            return roles();
        }

        @Override
        public RunSpec complete(RunSpec spec, Registry registry) {
            registry.variationalLoss(spec.get(AeKeys.OBJECTIVE));
            return spec;
        }

        @Override
        public TrainingProcedure create(ProcedureSetup setup) {
            RunSpec spec = setup.spec();
            String name = spec.get(AeKeys.OBJECTIVE);
            VariationalLoss objective = setup.registry().variationalLoss(name).create(
                    new Options("loss '" + name + "'", spec.get(AeKeys.LOSS_OPTIONS)));
            var likelihood = PixelLikelihoods.of(spec.get(AeKeys.DECODER),
                    spec.get(AeKeys.DECODER_STD));
            LabelConditioning encoderCondition = null;
            LabelConditioning decoderCondition = null;
            if (conditional) {
                int classes = setup.data().numClasses();
                if (classes < 2) {
                    throw new IllegalArgumentException("procedure 'cvae' needs class labels, but"
                            + " the data " + setup.data().description() + " has none");
                }
                encoderCondition = condition(spec, classes, "encoder");
                decoderCondition = condition(spec, classes, "decoder");
            }
            return new Vae(setup.data(), spec.get(AeKeys.LATENT_SIZE), likelihood, objective,
                    architecture(setup, name()), encoderCondition, decoderCondition);
        }

        private static LabelConditioning condition(RunSpec spec, int classes, String network) {
            if (spec.get(AeKeys.CONDITION).equals("embedding")) {
                return LabelConditioning.embedding(classes, spec.get(AeKeys.EMBEDDING_SIZE),
                        spec.get(CommonKeys.SEED) ^ network.hashCode());
            }
            return LabelConditioning.oneHot(classes);
        }
    }
}
