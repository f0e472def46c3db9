package org.gen4j.models.gan.procedure;

import ai.djl.ndarray.types.Shape;
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
 */
record GanNetworks(Generator generator, Discriminator discriminator,
        LabelConditioning generatorCondition, LabelConditioning criticCondition) {

    /** The architecture a spec names: the model, or for {@code model: gan} a default by shape. */
    static String architecture(RunSpec spec, Shape sampleShape) {
        String model = spec.model();
        if (!model.equals(spec.procedure())) {
            return model;
        }
        boolean image = sampleShape.dimension() == 3 && sampleShape.get(1) == sampleShape.get(2)
                && (sampleShape.get(1) == 28 || sampleShape.get(1) == 64);
        return image ? "dcgan" : "mlp-gan";
    }

    static GanNetworks build(ProcedureSetup setup, List<WeightedRegularizer> regularizers,
            boolean conditional) {
        RunSpec spec = setup.spec();
        Shape sample = setup.data().sampleShape();
        String g = architecture(spec, sample);
        String d = spec.get(GanKeys.DISCRIMINATOR) != null ? spec.get(GanKeys.DISCRIMINATOR) : g;
        int latent = spec.get(GanKeys.LATENT_SIZE);
        boolean batchNormAllowed = regularizers.stream()
                .noneMatch(r -> r.regularizer().forbidsBatchNorm());
        if (!conditional) {
            Generator gen = setup.registry().generator(g).create(new NetworkSpec(sample, latent,
                    setup.modelOptions("model '" + g + "'")));
            Discriminator dis = setup.registry().discriminator(d).create(new NetworkSpec(sample,
                    latent, setup.modelOptions("model '" + d + "'"), batchNormAllowed));
            check(gen, dis);
            return new GanNetworks(gen, dis, null, null);
        }
        int classes = setup.data().numClasses();
        if (classes < 2) {
            throw new IllegalArgumentException("procedure 'cgan' needs class labels, but the data "
                    + setup.data().description() + " has none");
        }
        LabelConditioning gc = condition(spec, classes, "generator");
        LabelConditioning dc = condition(spec, classes, "discriminator");
        Generator base = setup.registry().generator(g).create(new NetworkSpec(sample,
                latent + gc.codeSize(), setup.modelOptions("model '" + g + "'")));
        Discriminator critic = setup.registry().discriminator(d).create(new NetworkSpec(
                widened(sample, dc.codeSize()), latent, setup.modelOptions("model '" + d + "'"),
                batchNormAllowed));
        SequentialBlock gb = new SequentialBlock().add(gc).add(base.block());
        SequentialBlock db = new SequentialBlock().add(dc).add(critic.block());
        return new GanNetworks(Generator.of(gb, latent, base.sampleShape()),
                Discriminator.of(db, sample, critic.traits()), gc, dc);
    }

    private static LabelConditioning condition(RunSpec spec, int classes, String network) {
        if (spec.get(GanKeys.CONDITION).equals(LabelConditioning.Encoding.EMBEDDING.spelling())) {
            return LabelConditioning.embedding(classes, spec.get(GanKeys.EMBEDDING_SIZE),
                    spec.get(CommonKeys.SEED) ^ network.hashCode());
        }
        return LabelConditioning.oneHot(classes);
    }

    private static Shape widened(Shape sample, int extra) {
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
