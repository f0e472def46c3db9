package org.gen4j.engine.pytorch;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Objects;
import java.util.Set;
import org.gen4j.core.grad.InputGradientRoute;
import org.gen4j.core.model.Discriminator;

/**
 * The input-gradient route {@value #NAME}: the PyTorch engine differentiates the critic itself and
 * records that differentiation, so the result is exact for any critic the engine can run, and its
 * own gradient with respect to the critic's parameters is a true second derivative.
 *
 * <p>{@link #inputGradient} copies {@code x} into a fresh leaf that requires a gradient, runs the
 * critic on it in training mode through the given {@link ParameterStore}, and asks libtorch for
 * {@code torch.autograd.grad(sum_i D(x)_i, x, create_graph=True)}. That call exists in libtorch but
 * not in DJL's API; this route reaches it through a three-line TorchScript module (see {@link
 * PtInputGradient}). Unlike a create-graph {@code backward()}, it writes no {@code .grad} field
 * anywhere: the critic's parameter gradients are untouched, and no gradient holds the graph that
 * produced it (that reference cycle would keep every step's activations alive).
 *
 * <p>The route serves the PyTorch engine only, and no critic with BatchNorm: BatchNorm in training
 * mode couples the samples of a batch, so a sample's input gradient would depend on the others.
 * This class itself needs no PyTorch class to load or to answer {@link #unsupportedReason}: the
 * engine-specific code is in a class used only once the engine is known to be PyTorch, so the jar
 * is inert on the class path of an application that runs MXNet.
 */
public final class CreateGraphRoute implements InputGradientRoute {

    /** The route's name, as accepted by a penalty's {@code route} option. */
    public static final String NAME = "create-graph";

    /** The name DJL gives the engine this route needs. */
    static final String PYTORCH = "PyTorch";

    /** Creates the route; {@link java.util.ServiceLoader} calls this. */
    public CreateGraphRoute() {}

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Why this route cannot serve {@code critic} on the default engine, or null if it can.
     *
     * @param critic the critic that a penalty will differentiate
     * @return null on the PyTorch engine for a critic without {@link
     *     Discriminator.Trait#BATCH_NORM}; otherwise the reason, in words
     */
    @Override
    public String unsupportedReason(Discriminator critic) {
        Objects.requireNonNull(critic, "critic is null");
        return reason(Engine.getInstance().getEngineName(), critic.traits());
    }

    /**
     * The reason logic of {@link #unsupportedReason}, for a given engine name.
     *
     * @param engineName the engine's name as DJL reports it ("MXNet", "PyTorch")
     * @param traits the critic's traits
     * @return null if the route can serve such a critic on that engine, otherwise the reason
     */
    static String reason(String engineName, Set<Discriminator.Trait> traits) {
        if (!PYTORCH.equals(engineName)) {
            return "the " + NAME + " route needs the PyTorch engine; in use: " + engineName;
        }
        if (traits.contains(Discriminator.Trait.BATCH_NORM)) {
            return "the critic has BatchNorm, which couples the samples of a batch, so that one"
                    + " sample's input gradient would depend on the others";
        }
        return null;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The result is recorded against the critic's parameters only: {@code x} is copied, so a
     * graph behind {@code x} (a generator's, for a fake batch) is not reached.
     *
     * @throws IllegalArgumentException if {@code x} is not {@code (N, inputShape...)} of the critic
     *     or not floating point
     * @throws UnsupportedOperationException if {@code x} is not a PyTorch array or the critic has
     *     BatchNorm
     * @throws IllegalStateException if gradient recording is off, that is, outside a
     *     GradientCollector
     */
    @Override
    public NDArray inputGradient(Discriminator critic, ParameterStore parameterStore, NDArray x) {
        Objects.requireNonNull(critic, "critic is null");
        Objects.requireNonNull(parameterStore, "parameterStore is null");
        Objects.requireNonNull(x, "x is null");
        String reason = reason(x.getManager().getEngine().getEngineName(), critic.traits());
        if (reason != null) {
            throw new UnsupportedOperationException("route '" + NAME + "' cannot compute this"
                    + " critic's input gradient: " + reason);
        }
        checkBatch(critic.inputShape(), x);
        return PtInputGradient.compute(critic.block(), parameterStore, x);
    }

    private static void checkBatch(Shape sampleShape, NDArray x) {
        Shape shape = x.getShape();
        if (shape.dimension() != sampleShape.dimension() + 1
                || !shape.slice(1).equals(sampleShape)) {
            StringBuilder expected = new StringBuilder("(N");
            for (long d : sampleShape.getShape()) {
                expected.append(", ").append(d);
            }
            throw new IllegalArgumentException("x must be a batch " + expected + ") for this"
                    + " critic, got " + shape);
        }
        if (!x.getDataType().isFloating()) {
            throw new IllegalArgumentException("x must be floating point (float16, float32 or"
                    + " float64) to be differentiated, got " + x.getDataType());
        }
    }
}
