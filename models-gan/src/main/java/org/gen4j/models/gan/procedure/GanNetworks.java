package org.gen4j.models.gan.procedure;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.util.List;
import org.gen4j.core.loss.WeightedRegularizer;
import org.gen4j.core.model.Discriminator;
import org.gen4j.core.model.Generator;
import org.gen4j.core.model.NetworkSpec;
import org.gen4j.core.nn.LabelConditioning;
import org.gen4j.core.procedure.ProcedureSetup;
import org.gen4j.core.spec.CommonKeys;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.PluginKind;
import org.gen4j.models.gan.progan.ProGan;

/**
 * Builds a GAN's two networks from the registry: the architectures a spec names, and for a
 * conditional GAN the same architectures with {@link LabelConditioning} in front of each (the
 * generator built for a latent vector wider by the label code, the discriminator for samples with
 * that many more channels or values).
 *
 * @param generator the generator; its block takes {@code (z)} or {@code (z, labels)}
 * @param discriminator the discriminator; its block takes {@code (x)} or {@code (x, labels)}
 * @param generatorCondition the generator's label block, or null for an unconditional GAN
 * @param criticCondition the discriminator's label block, or null
 * @param generatorLabels whether the generator's block takes labels (with a label block, or
 *     of its own, as BigGAN's)
 * @param criticLabels whether the discriminator's block takes labels
 */
record GanNetworks(Generator generator, Discriminator discriminator,
        LabelConditioning generatorCondition, LabelConditioning criticCondition,
        boolean generatorLabels, boolean criticLabels) {

    /** Networks whose blocks take labels exactly when they have a label block. */
    GanNetworks(Generator generator, Discriminator discriminator,
            LabelConditioning generatorCondition, LabelConditioning criticCondition) {
        this(generator, discriminator, generatorCondition, criticCondition,
                generatorCondition != null, criticCondition != null);
    }

    /** Networks that read the labels themselves (BigGAN's conditional BatchNorm, projection). */
    static GanNetworks labelled(Generator generator, Discriminator discriminator) {
        return new GanNetworks(generator, discriminator, null, null, true, true);
    }

    /** The architecture a spec names: the model, or for {@code model: gan} a default by shape. */
    static String architecture(RunSpec spec, Shape sampleShape) {
        String model = spec.model();
        if (!model.equals(spec.procedure())) {
            return model;
        }
        if (model.equals(GanProcedureFactory.PROGAN)) {
            return ProGan.NAME;
        }
        boolean image = sampleShape.dimension() == 3 && sampleShape.get(1) == sampleShape.get(2)
                && (sampleShape.get(1) == 28 || sampleShape.get(1) == 64);
        return image ? "dcgan" : "mlp-gan";
    }

    /**
     * The networks of a GAN procedure.
     *
     * @param labelsToGenerator whether the generator sees the label (cgan, acgan)
     * @param labelsToCritic whether the discriminator sees it as an input (cgan)
     * @param auxiliary ACGAN's classifier or InfoGAN's codes, or null: widens the generator's
     *     input by its code and gives the discriminator its head
     */
    static GanNetworks build(ProcedureSetup setup, List<WeightedRegularizer> regularizers,
            boolean labelsToGenerator, boolean labelsToCritic, AuxiliaryTask auxiliary) {
        RunSpec spec = setup.spec();
        Shape sample = setup.data().sampleShape();
        String g = architecture(spec, sample);
        String d = spec.get(GanKeys.DISCRIMINATOR) != null ? spec.get(GanKeys.DISCRIMINATOR) : g;
        int latent = spec.get(GanKeys.LATENT_SIZE);
        int code = auxiliary == null ? 0 : auxiliary.codeSize();
        boolean batchNormAllowed = regularizers.stream()
                .noneMatch(r -> r.regularizer().forbidsBatchNorm());
        LabelConditioning gc = null;
        LabelConditioning dc = null;
        if (labelsToGenerator || labelsToCritic) {
            int classes = setup.data().numClasses();
            if (classes < 2) {
                throw new IllegalArgumentException("procedure '" + spec.procedure() + "' needs"
                        + " class labels, but the data " + setup.data().description()
                        + " has none");
            }
            gc = labelsToGenerator ? condition(spec, classes, "generator") : null;
            dc = labelsToCritic ? condition(spec, classes, "discriminator") : null;
        }
        int generatorInput = latent + code + (gc == null ? 0 : gc.codeSize());
        Generator base = setup.registry().generator(g).create(new NetworkSpec(sample,
                generatorInput, setup.modelOptions("model '" + g + "'")));
        Shape criticInput = dc == null ? sample : widened(sample, dc.codeSize());
        Discriminator critic = setup.registry().discriminator(d).create(new NetworkSpec(
                criticInput, latent, setup.modelOptions("model '" + d + "'"), batchNormAllowed));
        if (gc == null && dc == null && auxiliary == null) {
            check(base, critic);
            return new GanNetworks(base, critic, null, null);
        }
        Generator gen = gc == null ? Generator.of(base.block(), latent + code, base.sampleShape())
                : Generator.of(new SequentialBlock().add(gc).add(base.block()), latent + code,
                        base.sampleShape());
        Block db = auxiliary == null ? critic.block()
                : HeadedCritic.of(critic.block(), auxiliary.headSize(), d);
        if (dc != null) {
            db = new SequentialBlock().add(dc).add(db);
        }
        Discriminator dis = Discriminator.of(db, sample, critic.traits());
        if (dc == null) {
            check(gen, dis);
        }
        return new GanNetworks(gen, dis, gc, dc);
    }

    static LabelConditioning condition(RunSpec spec, int classes, String network) {
        if (spec.get(GanKeys.CONDITION).equals(LabelConditioning.Encoding.EMBEDDING.spelling())) {
            return LabelConditioning.embedding(classes, spec.get(GanKeys.EMBEDDING_SIZE),
                    spec.get(CommonKeys.SEED) ^ network.hashCode());
        }
        return LabelConditioning.oneHot(classes);
    }

    static Shape widened(Shape sample, int extra) {
        long[] dims = sample.getShape().clone();
        dims[0] += extra;
        return new Shape(dims);
    }

    private static void check(Generator g, Discriminator d) {
        if (!g.sampleShape().equals(d.inputShape())) {
            throw new IllegalArgumentException("generator makes samples of shape "
                    + g.sampleShape() + " but the discriminator takes " + d.inputShape());
        }
    }

    /** Whether the registry has a generator of this name (the gan procedure trains those). */
    static boolean isGenerator(org.gen4j.core.spi.Registry registry, String name) {
        return registry.contains(PluginKind.GENERATOR, name);
    }
}
