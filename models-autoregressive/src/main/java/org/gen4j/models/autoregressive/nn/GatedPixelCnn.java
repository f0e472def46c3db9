package org.gen4j.models.autoregressive.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.gen4j.models.autoregressive.nn.MaskedConv2d.MaskType;

/**
 * Gated PixelCNN (van den Oord et al., "Conditional Image Generation with PixelCNN Decoders",
 * 2016): a vertical and a horizontal stack of gated layers, with no blind spot.
 *
 * <p>Layer {@code l} of {@code layers}, with {@code p} channels:
 *
 * <ul>
 *   <li>vertical: {@code v' = conv_v(v)}, a {@code k x k} convolution over the rows above and
 *       the current row ({@link MaskType#VERTICAL}), {@code 2p} maps;
 *   <li>horizontal: {@code h' = conv_h(h) + link(down(v'))}, a {@code 1 x k} convolution over the
 *       pixels left of the current one (mask A in the first layer, which must not see its own
 *       pixel, B after), plus a 1x1 convolution of the vertical maps shifted down one row, so
 *       that the horizontal stack learns of the rows above without ever seeing the current row's
 *       later pixels;
 *   <li>the gate {@code tanh(a + c_a) * sigmoid(b + c_b)} on both stacks' two halves, with {@code
 *       c} a learned per-class bias of each stack when the network is conditional;
 *   <li>the horizontal output through a 1x1 mask-B convolution, added to {@code h} from the
 *       second layer on (a residual connection).
 * </ul>
 *
 * <p>Then ReLU, a 1x1 mask-B convolution to {@code p}, ReLU and a 1x1 mask-B convolution to the
 * outputs. The centre taps of the horizontal and 1x1 convolutions carry the colour masks.
 */
public final class GatedPixelCnn extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int colours;
    private final int channels;
    private final int classes;
    private final List<MaskedConv2d> vertical = new ArrayList<>();
    private final List<MaskedConv2d> horizontal = new ArrayList<>();
    private final List<Conv2d> links = new ArrayList<>();
    private final List<MaskedConv2d> outs = new ArrayList<>();
    private final List<Linear> verticalBias = new ArrayList<>();
    private final List<Linear> horizontalBias = new ArrayList<>();
    private final MaskedConv2d head;
    private final MaskedConv2d output;

    /**
     * The network.
     *
     * @param colours image channels, 1 or 3
     * @param channels {@code p}, a multiple of {@code colours}
     * @param layers gated layers, &gt;= 1
     * @param firstKernel odd kernel size of the first layer
     * @param kernel odd kernel size {@code k} of the later layers
     * @param outputs outputs per value
     * @param classes classes to condition on, or 0
     */
    public GatedPixelCnn(int colours, int channels, int layers, int firstKernel, int kernel,
            int outputs, int classes) {
        super(VERSION);
        this.colours = colours;
        this.channels = channels;
        this.classes = classes;
        for (int l = 0; l < layers; l++) {
            int in = l == 0 ? colours : channels;
            int k = l == 0 ? firstKernel : kernel;
            vertical.add(addChildBlock("vertical" + l, MaskedConv2d.of(in, 2 * channels, k,
                    MaskType.VERTICAL, colours)));
            horizontal.add(addChildBlock("horizontal" + l, new MaskedConv2d(in, 2 * channels, 1,
                    k, l == 0 ? MaskType.A : MaskType.B, colours)));
            links.add(addChildBlock("link" + l, Conv2d.builder().setKernelShape(new Shape(1, 1))
                    .setFilters(2 * channels).build()));
            outs.add(addChildBlock("out" + l, MaskedConv2d.of(channels, channels, 1, MaskType.B,
                    colours)));
            if (classes > 0) {
                verticalBias.add(addChildBlock("vertical-class" + l, Linear.builder()
                        .setUnits(2L * channels).optBias(false).build()));
                horizontalBias.add(addChildBlock("horizontal-class" + l, Linear.builder()
                        .setUnits(2L * channels).optBias(false).build()));
            }
        }
        head = addChildBlock("head", MaskedConv2d.of(channels, channels, 1, MaskType.B,
                colours));
        output = addChildBlock("output", MaskedConv2d.of(channels, outputs * colours, 1,
                MaskType.B, colours));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType,
            Shape... inputShapes) {
        Shape x = inputShapes[0];
        long n = x.get(0);
        Shape hidden = new Shape(n, channels, x.get(2), x.get(3));
        Shape doubled = new Shape(n, 2L * channels, x.get(2), x.get(3));
        for (int l = 0; l < vertical.size(); l++) {
            Shape in = l == 0 ? x : hidden;
            vertical.get(l).initialize(manager, dataType, in);
            horizontal.get(l).initialize(manager, dataType, in);
            links.get(l).initialize(manager, dataType, doubled);
            outs.get(l).initialize(manager, dataType, hidden);
            if (classes > 0) {
                verticalBias.get(l).initialize(manager, dataType, new Shape(n, classes));
                horizontalBias.get(l).initialize(manager, dataType, new Shape(n, classes));
            }
        }
        head.initialize(manager, dataType, hidden);
        output.initialize(manager, dataType, hidden);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray code = null;
        if (classes > 0) {
            if (inputs.size() < 2) {
                throw new IllegalArgumentException("a conditional gated-pixelcnn takes (images,"
                        + " labels)");
            }
            long n = x.getShape().get(0);
            code = inputs.get(1).reshape(n).toType(DataType.INT32, false).oneHot(classes)
                    .toType(x.getDataType(), false);
        }
        NDArray v = x;
        NDArray h = x;
        for (int l = 0; l < vertical.size(); l++) {
            NDArray vPre = one(vertical.get(l), ps, v, training);
            NDArray hPre = one(horizontal.get(l), ps, h, training)
                    .add(one(links.get(l), ps, down(vPre), training));
            if (code != null) {
                vPre = vPre.add(classBias(verticalBias.get(l), ps, code, training));
                hPre = hPre.add(classBias(horizontalBias.get(l), ps, code, training));
            }
            v = gate(vPre);
            NDArray hOut = one(outs.get(l), ps, gate(hPre), training);
            h = l == 0 ? hOut : h.add(hOut);
        }
        NDArray y = one(head, ps, Activation.relu(h), training);
        return new NDList(one(output, ps, Activation.relu(y), training));
    }

    private static NDArray one(Block b, ParameterStore ps, NDArray x,
            boolean training) {
        return b.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    private static NDArray classBias(Linear b, ParameterStore ps, NDArray code,
            boolean training) {
        NDArray bias = one(b, ps, code, training);
        return bias.reshape(bias.getShape().get(0), bias.getShape().get(1), 1, 1);
    }

    /**
     * {@code tanh(a) * sigmoid(b)} of the two halves of the channels. The halves come from
     * {@code split}: on MXNet, slicing the channels of a oneDNN convolution's output (blocked
     * layout, 8 or 16 channels a block) crashes the process with SIGFPE in backward.
     */
    private static NDArray gate(NDArray pre) {
        NDList halves = pre.split(2, 1);
        return halves.get(0).tanh().mul(Activation.sigmoid(halves.get(1)));
    }

    /** The maps shifted down by one row: row {@code r} of the result is row {@code r - 1}. */
    static NDArray down(NDArray x) {
        Shape s = x.getShape();
        NDArray top = x.getManager().zeros(new Shape(s.get(0), s.get(1), 1, s.get(3)),
                x.getDataType());
        if (s.get(2) == 1) {
            return top;
        }
        return NDArrays.concat(new NDList(top, x.get(new NDIndex(":, :, :{}", s.get(2) - 1))),
                2);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return output.getOutputShapes(new Shape[] {new Shape(x.get(0), channels, x.get(2),
                x.get(3))});
    }
}
