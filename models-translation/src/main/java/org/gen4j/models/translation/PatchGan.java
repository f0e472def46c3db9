package org.gen4j.models.translation;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import java.util.ArrayList;
import java.util.List;
import org.gen4j.core.model.PatchDiscriminator;
import org.gen4j.core.model.PatchDiscriminatorSpec;
import org.gen4j.core.nn.Layers;
import org.gen4j.core.util.Options;

/**
 * pix2pix's PatchGAN critic (Isola et al. 2017): {@code layers} convolutions 4x4 stride 2
 * (the first to {@code width} channels, each next one doubling them up to 8 x width), a 4x4
 * stride-1 convolution, and a 4x4 stride-1 convolution to the scores, all with padding 1 and
 * LeakyReLU 0.2, a normalisation after every convolution but the first and the last. With
 * auxiliary outputs, a second last convolution gives them beside the scores ({@link
 * PatchHeads}). Each score
 * sees a square of the input of side {@link #receptiveField(int) 16, 34, 70, 142 or 286} pixels
 * for 1 to 5 layers (70 is the paper's default).
 *
 * <p>Options: {@code receptive-field} (one of those sides) or {@code layers} (1 to 5; default 3
 * for images of at least 64 pixels a side, else 2), {@code width} (64), {@code norm} ({@code
 * batch} by default, or {@code none} in a run with a gradient penalty; {@code instance}).
 */
final class PatchGan {

    static final String NAME = "patchgan";

    private static final int MAX_LAYERS = 5;

    private PatchGan() {}

    /** The side of the input square each score sees, for {@code layers} stride-2 layers. */
    static int receptiveField(int layers) {
        int r = 4;
        r += 3;
        for (int i = 0; i < layers; i++) {
            r = (r - 1) * 2 + 4;
        }
        return r;
    }

    static PatchDiscriminator create(PatchDiscriminatorSpec spec) {
        Shape in = spec.inputShape();
        Options o = spec.options();
        int layers;
        if (o.has("receptive-field")) {
            List<Integer> fields = new ArrayList<>();
            for (int l = 1; l <= MAX_LAYERS; l++) {
                fields.add(receptiveField(l));
            }
            int field = o.getInt("receptive-field", 70, 1, Integer.MAX_VALUE);
            layers = fields.indexOf(field) + 1;
            if (layers == 0) {
                throw new IllegalArgumentException(o.owner() + ": option 'receptive-field' must"
                        + " be one of " + fields + " (for 1 to " + MAX_LAYERS + " layers), got "
                        + field);
            }
            if (o.has("layers")) {
                throw new IllegalArgumentException(o.owner() + ": give 'receptive-field' or"
                        + " 'layers', not both");
            }
        } else {
            layers = o.getInt("layers", Math.min(in.get(1), in.get(2)) >= 64 ? 3 : 2, 1,
                    MAX_LAYERS);
        }
        int width = o.getInt("width", 64, 1, 4096);
        String norm = Norms.read(o, spec.batchNormAllowed() ? "batch" : "none");
        o.checkAllUsed();
        if (norm.equals("batch") && !spec.batchNormAllowed()) {
            throw new IllegalArgumentException(o.owner() + ": option 'norm' is batch, but a"
                    + " gradient penalty needs per-sample outputs, which BatchNorm couples; use"
                    + " norm=none or norm=instance");
        }
        long h = in.get(1);
        long w = in.get(2);
        for (int i = 0; i < layers; i++) {
            h = (h - 2) / 2 + 1;
            w = (w - 2) / 2 + 1;
        }
        if (h - 2 < 1 || w - 2 < 1) {
            throw new IllegalArgumentException(o.owner() + ": " + layers + " layers take "
                    + in + " down to " + h + "x" + w + " before the two stride-1 convolutions,"
                    + " which need at least 3x3; use fewer layers");
        }
        boolean bias = Norms.convBias(norm);
        SequentialBlock d = new SequentialBlock();
        d.add(ResnetTranslator.conv(width, 4, 2, 1, true)).add(Layers.leakyRelu(0.2f));
        int c = width;
        for (int i = 1; i <= layers; i++) {
            c = width * Math.min(1 << i, 8);
            d.add(ResnetTranslator.conv(c, 4, i < layers ? 2 : 1, 1, bias));
            Norms.layer(norm).ifPresent(d::add);
            d.add(Layers.leakyRelu(0.2f));
        }
        boolean batchNorm = norm.equals("batch");
        if (spec.extraOutputs() == 0) {
            d.add(ResnetTranslator.conv(1, 4, 1, 1, true));
            return new PatchDiscriminator(d, d, in, receptiveField(layers), batchNorm);
        }
        PatchHeads heads = new PatchHeads(d, ResnetTranslator.conv(1, 4, 1, 1, true),
                ResnetTranslator.conv(spec.extraOutputs(), 4, 1, 1, true));
        return new PatchDiscriminator(heads, heads.scores(), in, receptiveField(layers),
                batchNorm);
    }
}
