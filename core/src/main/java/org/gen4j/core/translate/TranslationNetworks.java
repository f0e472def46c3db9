package org.gen4j.core.translate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.gen4j.core.loss.GanLoss;
import org.gen4j.core.model.PatchDiscriminator;
import org.gen4j.core.model.PatchDiscriminatorSpec;
import org.gen4j.core.model.Translator;
import org.gen4j.core.model.TranslatorSpec;
import org.gen4j.core.procedure.BatchField;
import org.gen4j.core.procedure.ProcedureSetup;
import org.gen4j.core.spec.SpecKey;
import org.gen4j.core.spi.PluginKind;
import org.gen4j.core.util.Options;

/**
 * Builds an application's networks and adversarial loss from the registry, by the names in its
 * spec ({@link TranslationKeys}): the applications compile against the core only, and the
 * plugins that bring the architectures and losses are found at run time.
 */
public final class TranslationNetworks {

    private TranslationNetworks() {}

    /** A new image-to-image network named by {@code key}, with the spec's model options. */
    public static Translator generator(ProcedureSetup setup, SpecKey<String> key, Shape input,
            Shape output) {
        String name = setup.spec().get(key);
        return setup.registry().get(PluginKind.TRANSLATOR, name).create(new TranslatorSpec(input,
                output, setup.modelOptions("generator '" + name + "'")));
    }

    /** A new patch critic of the spec's {@code discriminator}, with its options. */
    public static PatchDiscriminator critic(ProcedureSetup setup, Shape input, int extraOutputs,
            boolean batchNormAllowed) {
        String name = setup.spec().get(TranslationKeys.DISCRIMINATOR);
        Map<String, Object> options = setup.spec().get(TranslationKeys.DISCRIMINATOR_OPTIONS);
        return setup.registry().get(PluginKind.PATCH_DISCRIMINATOR, name).create(
                new PatchDiscriminatorSpec(input, extraOutputs, new Options("discriminator '"
                        + name + "'", options), batchNormAllowed));
    }

    /**
     * Checks images given to a model to translate.
     *
     * @throws IllegalArgumentException unless they are {@code (N, shape...)}, saying how to fit
     */
    public static void checkImages(NDArray images, Shape shape) {
        if (images.getShape().dimension() != 4 || !images.getShape().slice(1).equals(shape)) {
            throw new IllegalArgumentException("the model translates images of shape " + shape
                    + ", got " + images.getShape().slice(1) + " (resize them to " + shape.get(1)
                    + "x" + shape.get(2) + ", " + shape.get(0) + " channel(s))");
        }
    }

    /**
     * The shape of the data's targets, or an error that says how to give paired data.
     *
     * @throws IllegalArgumentException if the data has no targets
     */
    public static Shape targets(ProcedureSetup setup, String procedure) {
        if (!setup.data().fields().contains(BatchField.TARGETS)) {
            throw new IllegalArgumentException("procedure '" + procedure + "' trains on image"
                    + " pairs, but the data " + setup.data().description() + " has no targets:"
                    + " give a folder with data option pairing=folders (A/ and B/) or"
                    + " pairing=side-by-side, or a paired data set (gen4j list datasets)");
        }
        return setup.data().shapeOf(BatchField.TARGETS);
    }

    /** The adversarial loss named by {@code key}, with the spec's loss options. */
    public static GanLoss loss(ProcedureSetup setup, SpecKey<String> key) {
        String name = setup.spec().get(key);
        Options options = new Options("loss '" + name + "'",
                setup.spec().get(TranslationKeys.LOSS_OPTIONS));
        GanLoss loss = setup.registry().loss(name).create(options);
        options.checkAllUsed();
        return loss;
    }
}
