package org.gen4j.models.ae.networks;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gen4j.core.nn.LabelConditioning;
import org.gen4j.core.nn.Layers;
import org.gen4j.core.nn.TransposedConv2d;
import org.gen4j.core.util.Options;

/**
 * The encoders and decoders of the autoencoder family, MLP or convolutional, from {@code
 * model-options}:
 *
 * <ul>
 *   <li>{@code architecture}: {@code mlp} (default) or {@code conv}.
 *   <li>{@code hidden}: the MLP's hidden widths, encoder order (default {@code [512, 256]}); the
 *       decoder mirrors them ({@code 256, 512}); an empty list makes both networks linear.
 *   <li>{@code width}: the convolutional channel unit w (default 32): the encoder is Conv(w, k4
 *       s2 p1), ReLU, Conv(2w, k4 s2 p1), ReLU, then a linear layer; the decoder a linear layer to
 *       2w x H/4 x W/4, ReLU, TConv(w, k4 s2 p1), ReLU, TConv(k C, k4 s2 p1). Images whose side
 *       is a multiple of 4.
 * </ul>
 *
 * <p>A conditional network takes a {@link LabelConditioning} in front: the encoder's input gains
 * the label as planes (images) or values, the decoder's latent vector the label code.
 */
public final class AeNetworks {

    /** The MLP architecture. */
    public static final String MLP = "mlp";
    /** The convolutional architecture. */
    public static final String CONV = "conv";

    private final String architecture;
    private final List<Integer> hidden;
    private final int width;

    private AeNetworks(String architecture, List<Integer> hidden, int width) {
        this.architecture = architecture;
        this.hidden = List.copyOf(hidden);
        this.width = width;
    }

    /**
     * Reads the options (and checks that every one was used).
     *
     * @throws IllegalArgumentException naming the option and what it accepts
     */
    public static AeNetworks from(Options options, Shape sample) {
        String architecture = options.getChoice("architecture", MLP, Set.of(MLP, CONV));
        List<Integer> hidden = new ArrayList<>();
        Object raw = options.asMap().get("hidden");
        options.getString("hidden", null);
        if (raw == null) {
            hidden.addAll(List.of(512, 256));
        } else if (raw instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof Number n) || n.intValue() < 1 || n.intValue() > 65536
                        || n.doubleValue() != n.intValue()) {
                    throw new IllegalArgumentException(options.owner() + ": option 'hidden' must"
                            + " be a list of widths in [1, 65536], got " + raw);
                }
                hidden.add(n.intValue());
            }
        } else {
            throw new IllegalArgumentException(options.owner() + ": option 'hidden' must be a"
                    + " list of widths (empty: linear networks), got " + raw);
        }
        int width = options.getInt("width", 32, 1, 4096);
        options.checkAllUsed();
        if (architecture.equals(CONV) && (sample.dimension() != 3 || sample.get(1) % 4 != 0
                || sample.get(2) % 4 != 0)) {
            throw new IllegalArgumentException(options.owner() + ": architecture conv takes"
                    + " images (C, H, W) with H and W multiples of 4, got " + sample
                    + "; use architecture mlp");
        }
        return new AeNetworks(architecture, hidden, width);
    }

    /**
     * An encoder from a sample (and a label, when {@code condition} is given) to {@code outputs}
     * values (the code; or its mean and log-variance).
     */
    public Block encoder(Shape sample, int outputs, LabelConditioning condition) {
        SequentialBlock b = new SequentialBlock();
        if (condition != null) {
            b.add(condition);
        }
        if (architecture.equals(CONV)) {
            b.add(conv(width)).add(Layers.relu()).add(conv(2 * width)).add(Layers.relu());
        }
        b.add(Layers.flatten());
        if (architecture.equals(MLP)) {
            for (int h : hidden) {
                b.add(Linear.builder().setUnits(h).build()).add(Layers.relu());
            }
        }
        b.add(Linear.builder().setUnits(outputs).build());
        return b;
    }

    /**
     * A decoder from a code (and a label) to {@code k} outputs per value of a sample, laid out as
     * {@code (k C, H, W)} or {@code (k D)}.
     */
    public Block decoder(Shape sample, int k, LabelConditioning condition) {
        SequentialBlock b = new SequentialBlock();
        if (condition != null) {
            b.add(condition);
        }
        long[] out = sample.getShape().clone();
        out[0] *= k;
        if (architecture.equals(CONV)) {
            long h = sample.get(1) / 4;
            long w = sample.get(2) / 4;
            b.add(Linear.builder().setUnits(2L * width * h * w).build()).add(Layers.relu())
                    .add(Layers.reshape(2L * width, h, w))
                    .add(up(2 * width, width)).add(Layers.relu())
                    .add(up(width, Math.toIntExact(out[0])));
            return b;
        }
        for (int i = hidden.size() - 1; i >= 0; i--) {
            b.add(Linear.builder().setUnits(hidden.get(i)).build()).add(Layers.relu());
        }
        b.add(Linear.builder().setUnits(new Shape(out).size()).build()).add(Layers.reshape(out));
        return b;
    }

    private static Block conv(int filters) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(4, 4))
                .optStride(new Shape(2, 2)).optPadding(new Shape(1, 1)).build();
    }

    private static Block up(int in, int out) {
        return TransposedConv2d.builder().setInChannels(in).setOutChannels(out).setKernelShape(4)
                .optStride(2).optPadding(1).build();
    }
}
