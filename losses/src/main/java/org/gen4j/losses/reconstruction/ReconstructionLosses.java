package org.gen4j.losses.reconstruction;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Set;
import org.gen4j.core.engine.Scalars;
import org.gen4j.core.loss.LogitFunctions;
import org.gen4j.core.loss.ReconstructionLoss;
import org.gen4j.core.loss.ReconstructionLossFactory;
import org.gen4j.core.util.Options;

/**
 * The reconstruction terms of this plugin, each per sample over all its values, with the option
 * {@code reduction}: {@code sum} (default; what a likelihood needs) or {@code mean} (per value, as
 * pix2pix weights its L1):
 *
 * <ul>
 *   <li>{@value #L2}: \( \sum_i (p_i - t_i)^2 \);
 *   <li>{@value #L1}: \( \sum_i |p_i - t_i| \);
 *   <li>{@value #BCE}: binary cross-entropy of logits {@code l} against targets mapped from [-1,
 *       1] to [0, 1], \( \sum_i \mathrm{softplus}(l_i) - \tilde t_i l_i \).
 * </ul>
 *
 * <p>Two named terms of image-to-image training compare an image with its reconstruction by
 * another path: {@value #CYCLE} (CycleGAN's cycle consistency, {@code F(G(x))} against {@code
 * x}) and {@value #IDENTITY} (a generator's output for an image already in its target domain,
 * against that image). Each is an L1 distance by default (option {@code distance}: {@code l1} or
 * {@code l2}) with {@code reduction} {@code mean}, as the CycleGAN reference computes them, and
 * any other registered term can take their place in an application's spec.
 *
 * <p>DJL's {@code Loss.l1Loss(name, weight)} is not used: with a weight other than 1 it drops the
 * prediction. A procedure weights these terms itself.
 */
public final class ReconstructionLosses {

    /** Squared error. */
    public static final String L2 = "l2";
    /** Absolute error. */
    public static final String L1 = "l1";
    /** CycleGAN's cycle-consistency term. */
    public static final String CYCLE = "cycle";
    /** CycleGAN's identity term. */
    public static final String IDENTITY = "identity";
    /** Binary cross-entropy on logits. */
    public static final String BCE = "bce";

    private ReconstructionLosses() {}

    /** New factories of every term. */
    public static List<ReconstructionLossFactory> all() {
        return List.of(
                factory(L2, "Squared error per sample (reduction sum or mean)", false,
                        (p, t) -> p.sub(t).square()),
                factory(L1, "Absolute error per sample (reduction sum or mean)", false,
                        (p, t) -> p.sub(t).abs()),
                factory(BCE, "Binary cross-entropy of logits against targets in [-1, 1] read as"
                        + " probabilities (reduction sum or mean)", true,
                        (l, t) -> LogitFunctions.softplus(l)
                                .sub(l.mul(Scalars.mul(t.add(1f), 0.5f)))),
                distance(CYCLE, "Cycle consistency of image-to-image training: L1 (or option"
                        + " distance=l2) of a reconstruction, mean over pixels by default"),
                distance(IDENTITY, "Identity term of image-to-image training: L1 (or option"
                        + " distance=l2) of an image in its own domain, mean over pixels by"
                        + " default"));
    }

    /** A term with an option {@code distance}, mean reduction by default. */
    private static ReconstructionLossFactory distance(String name, String description) {
        return new ReconstructionLossFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public ReconstructionLoss create(Options options) {
                boolean l2 = options.getChoice("distance", L1, Set.of(L1, L2)).equals(L2);
                boolean mean = options.getChoice("reduction", "mean", Set.of("sum", "mean"))
                        .equals("mean");
                options.checkAllUsed();
                return reduced(name, false, mean, l2 ? (p, t) -> p.sub(t).square()
                        : (p, t) -> p.sub(t).abs());
            }
        };
    }

    /** The elementwise term, before its reduction over a sample's values. */
    private interface Elementwise {
        NDArray apply(NDArray prediction, NDArray target);
    }

    private static ReconstructionLossFactory factory(String name, String description,
            boolean logits, Elementwise term) {
        return new ReconstructionLossFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public ReconstructionLoss create(Options options) {
                boolean mean = options.getChoice("reduction", "sum", Set.of("sum", "mean"))
                        .equals("mean");
                options.checkAllUsed();
                return reduced(name, logits, mean, term);
            }
        };
    }

    /** A term of each sample: the elementwise term summed or averaged over its values. */
    private static ReconstructionLoss reduced(String name, boolean logits, boolean mean,
            Elementwise term) {
        return new ReconstructionLoss() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public NDArray perSample(NDArray prediction, NDArray target) {
                if (!prediction.getShape().equals(target.getShape())) {
                    throw new IllegalArgumentException(name + ": prediction "
                            + prediction.getShape() + " and target " + target.getShape()
                            + " differ in shape");
                }
                long n = prediction.getShape().get(0);
                NDArray e = term.apply(prediction, target).reshape(n, -1);
                return mean ? e.mean(new int[] {1}) : e.sum(new int[] {1});
            }

            @Override
            public boolean takesLogits() {
                return logits;
            }
        };
    }
}
