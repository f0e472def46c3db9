package org.gen4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Locale;
import org.gen4j.core.random.RandomStream;

/**
 * Appends an encoded class label to each sample, as the conditional GAN paper (Mirza and
 * Osindero 2014) conditions both networks: vectors {@code (N, D)} become {@code (N, D + e)}, and
 * images {@code (N, C, H, W)} become {@code (N, C + e, H, W)} with the code repeated over every
 * pixel. Put it first in a {@code SequentialBlock} to condition any architecture built for the
 * wider input.
 *
 * <p>The label is encoded one-hot ({@code e} = classes) or by a learned embedding ({@code e}
 * chosen, initialised N(0, 1) from a seeded stream). Inputs are {@code (x, labels)} with labels
 * {@code (N)} int32; or {@code (x)} alone while labels are {@link #bind bound}, which is how a
 * gradient penalty differentiates a conditional critic with respect to {@code x} only. Its input
 * gradient ({@link InputVjp}) is the first {@code C} (or {@code D}) entries of the output
 * gradient: the label part does not depend on {@code x}.
 */
public final class LabelConditioning extends AbstractBlock implements InputVjp {

    private static final byte VERSION = 1;

    /** How a label is encoded. */
    public enum Encoding {
        /** A vector of {@code classes} entries, one of them 1. */
        ONE_HOT,
        /** A learned vector per class. */
        EMBEDDING;

        /** The spec spelling, {@code one-hot} or {@code embedding}. */
        public String spelling() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final int classes;
    private final int size;
    private final Parameter embedding;
    private NDArray bound;

    private LabelConditioning(int classes, Encoding encoding, int embeddingSize, long seed) {
        super(VERSION);
        if (classes < 2) {
            throw new IllegalArgumentException("conditioning needs at least 2 classes, got "
                    + classes);
        }
        this.classes = classes;
        if (encoding == Encoding.EMBEDDING) {
            if (embeddingSize < 1) {
                throw new IllegalArgumentException("embedding size must be >= 1, got "
                        + embeddingSize);
            }
            this.size = embeddingSize;
            this.embedding = addParameter(Parameter.builder().setName("embedding")
                    .setType(Parameter.Type.OTHER).optShape(new Shape(classes, embeddingSize))
                    .optInitializer(new SeededNormalInitializer(
                            RandomStream.derive(seed, "label-embedding"), 0f, 1f))
                    .build());
        } else {
            this.size = classes;
            this.embedding = null;
        }
    }

    /** One-hot conditioning on {@code classes} classes. */
    public static LabelConditioning oneHot(int classes) {
        return new LabelConditioning(classes, Encoding.ONE_HOT, 0, 0);
    }

    /** Conditioning by a learned embedding of {@code size} values per class. */
    public static LabelConditioning embedding(int classes, int size, long seed) {
        return new LabelConditioning(classes, Encoding.EMBEDDING, size, seed);
    }

    /** The number of values the label adds to each sample (per pixel for images). */
    public int codeSize() {
        return size;
    }

    /** The number of classes. */
    public int classes() {
        return classes;
    }

    /**
     * Binds labels for forward passes given {@code x} alone, until {@link #unbind}.
     *
     * @param labels {@code (N)} int32, or null to unbind
     */
    public void bind(NDArray labels) {
        this.bound = labels;
    }

    /** Forgets the bound labels. */
    public void unbind() {
        this.bound = null;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray labels = inputs.size() > 1 ? inputs.get(1) : bound;
        if (labels == null) {
            throw new IllegalStateException("label conditioning needs (x, labels), or labels"
                    + " bound for a forward pass on x alone");
        }
        long n = x.getShape().get(0);
        if (labels.getShape().size() != n) {
            throw new IllegalArgumentException("label conditioning got " + n + " samples but"
                    + " labels of shape " + labels.getShape());
        }
        NDArray code = labels.reshape(n).toType(DataType.INT32, false).oneHot(classes)
                .toType(x.getDataType(), false);
        if (embedding != null) {
            code = code.matMul(ps.getValue(embedding, x.getDevice(), training));
        }
        Shape s = x.getShape();
        if (s.dimension() == 4) {
            code = code.reshape(n, size, 1, 1).broadcast(n, size, s.get(2), s.get(3));
        } else if (s.dimension() != 2) {
            throw new IllegalArgumentException("label conditioning takes (N, D) or (N, C, H, W),"
                    + " got " + s);
        }
        return new NDList(NDArrays.concat(new NDList(x, code), 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        long[] dims = s.getShape().clone();
        dims[1] += size;
        return new Shape[] {new Shape(dims)};
    }

    @Override
    public NDArray inputVjp(ParameterStore parameterStore, NDArray input, NDArray output,
            NDArray outputGradient) {
        return outputGradient.get(new NDIndex(":, :{}", input.getShape().get(1)));
    }
}
