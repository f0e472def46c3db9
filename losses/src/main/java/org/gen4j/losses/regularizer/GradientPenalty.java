package org.gen4j.losses.regularizer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;
import org.gen4j.core.engine.Scalars;
import org.gen4j.core.grad.InputGradientRoute;
import org.gen4j.core.grad.InputGradientRoutes;
import org.gen4j.core.loss.CriticContext;
import org.gen4j.core.loss.Regularizer;
import org.gen4j.core.model.Discriminator;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.engine.HostArrays;

/**
 * A penalty on the critic's input gradient {@code g = grad_x sum_i D(x_i)} at points built from
 * the batch: the shared machinery of {@code wgan-gp}, {@code dragan} and {@code r1}.
 *
 * <p>The norm of {@code g} is taken per sample over all non-batch dimensions. The gradient comes
 * from an {@link InputGradientRoute} chosen before training ({@link #checkSupported}); a critic no
 * route can serve, or one with BatchNorm, is refused then, so nothing trains without its penalty.
 * Random numbers (interpolation weights, perturbations) come from the context's stream, so a
 * resumed run is exact.
 */
public final class GradientPenalty implements Regularizer {

    /** Where the penalty is evaluated. */
    public enum Points {
        /** {@code eps * real + (1 - eps) * fake}, {@code eps ~ U(0, 1)} per sample (WGAN-GP). */
        INTERPOLATES,
        /**
         * {@code real + (1 - a) * c * std(real) * u}, {@code u ~ U(0, 1)} per element and
         * {@code a ~ U(0, 1)} per sample: points between real data and a perturbation of it
         * (DRAGAN).
         */
        PERTURBED_REAL,
        /** The real batch itself (R1). */
        REAL
    }

    /** How the per-sample gradient norm {@code n} becomes a penalty. */
    public enum Form {
        /** {@code mean((n - target)^2)}. */
        TWO_SIDED,
        /** {@code mean(max(0, n - target)^2)}: only norms above the target are penalised. */
        ONE_SIDED,
        /** {@code mean(n^2)}, the squared norm without a square root (R1). */
        SQUARED_NORM
    }

    private final String name;
    private final Points points;
    private final Form form;
    private final float target;
    private final float perturbation;
    private final String routePreference;
    private InputGradientRoute route;

    /**
     * A penalty.
     *
     * @param name the registered name, for messages
     * @param points where it is evaluated
     * @param form how norms become the penalty
     * @param target the target norm of the two forms that have one
     * @param perturbation DRAGAN's scale {@code c} of the perturbation (ignored otherwise)
     * @param routePreference {@code auto} or the name of an input-gradient route
     */
    public GradientPenalty(String name, Points points, Form form, float target, float perturbation,
            String routePreference) {
        this.name = Objects.requireNonNull(name, "name");
        this.points = Objects.requireNonNull(points, "points");
        this.form = Objects.requireNonNull(form, "form");
        this.target = target;
        this.perturbation = perturbation;
        this.routePreference = Objects.requireNonNull(routePreference, "routePreference");
    }

    @Override
    public String name() {
        return name;
    }

    /** The route in use, or null before {@link #checkSupported} or the first penalty. */
    public InputGradientRoute route() {
        return route;
    }

    @Override
    public boolean forbidsBatchNorm() {
        return true;
    }

    @Override
    public void checkSupported(CriticContext context) {
        route = selectRoute(context.discriminator());
    }

    private InputGradientRoute selectRoute(Discriminator critic) {
        String what = "regularizer '" + name + "'";
        if (critic.traits().contains(Discriminator.Trait.BATCH_NORM)) {
            throw new UnsupportedOperationException(what + " penalises each sample's input"
                    + " gradient, but the critic uses BatchNorm, which couples the samples of a"
                    + " batch so that the penalty would be wrong. Way out: a critic without"
                    + " BatchNorm (for dcgan: model-options norm=layer, which the gradient"
                    + " penalties choose by default, or norm=none), or a loss without a gradient"
                    + " penalty.");
        }
        return InputGradientRoutes.select(routePreference, critic, what);
    }

    @Override
    public NDArray penalty(CriticContext context) {
        if (route == null) {
            route = selectRoute(context.discriminator());
        }
        NDArray at = points(context);
        NDArray g = route.inputGradient(context.discriminator(), context.parameterStore(), at);
        long n = g.getShape().get(0);
        NDArray squares = g.square().reshape(n, -1).sum(new int[] {1});
        NDArray perSample = switch (form) {
            case SQUARED_NORM -> squares;
            case TWO_SIDED -> norm(squares).sub(target).square();
            case ONE_SIDED -> Scalars.maximum(norm(squares).sub(target), 0f).square();
        };
        return perSample.mean();
    }

    /** The norm from squared norms; the tiny constant keeps the gradient finite at 0. */
    private static NDArray norm(NDArray squares) {
        return squares.add(1e-12f).sqrt();
    }

    private NDArray points(CriticContext c) {
        NDArray real = c.real();
        Shape shape = real.getShape();
        int n = Math.toIntExact(shape.get(0));
        RandomStream rng = c.random() != null ? c.random() : new RandomStream(0);
        NDManager m = real.getManager();
        Shape perSample = perSampleShape(shape);
        switch (points) {
            case REAL:
                return real.stopGradient();
            case INTERPOLATES: {
                NDArray eps = HostArrays.create(m,
                        uniform(rng, n), perSample).toType(real.getDataType(), false);
                NDArray fake = c.fake();
                return real.mul(eps).add(fake.mul(eps.neg().add(1))).stopGradient();
            }
            case PERTURBED_REAL: {
                int size = Math.toIntExact(shape.size());
                NDArray u = HostArrays.create(m,
                        uniform(rng, size), shape).toType(real.getDataType(), false);
                NDArray a = HostArrays.create(m,
                        uniform(rng, n), perSample).toType(real.getDataType(), false);
                NDArray std = standardDeviation(real);
                NDArray delta = Scalars.mul(u.mul(std), perturbation);
                return real.add(delta.mul(a.neg().add(1))).stopGradient();
            }
            default:
                throw new IllegalStateException("unreachable: " + points);
        }
    }

    /** The standard deviation over all elements of the batch, as DRAGAN's reference uses it. */
    private static NDArray standardDeviation(NDArray x) {
        NDArray centred = x.sub(x.mean());
        return centred.square().mean().sqrt();
    }

    private static Shape perSampleShape(Shape shape) {
        long[] dims = new long[shape.dimension()];
        java.util.Arrays.fill(dims, 1);
        dims[0] = shape.get(0);
        return new Shape(dims);
    }

    private static float[] uniform(RandomStream rng, int count) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = rng.nextFloat();
        }
        return out;
    }
}
