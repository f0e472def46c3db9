package org.gen4j.core.grad;

import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.gen4j.core.model.Discriminator;

/**
 * Finds the input-gradient routes on the class path and picks one for a critic.
 *
 * <p>Routes are {@link InputGradientRoute} implementations listed in
 * {@code META-INF/services/org.gen4j.core.grad.InputGradientRoute}. {@code "auto"} prefers an
 * engine's own create-graph route (exact for any critic) and falls back to {@code "vjp"}.
 */
public final class InputGradientRoutes {

    /** The preference that picks the first route able to serve the critic. */
    public static final String AUTO = "auto";

    private InputGradientRoutes() {}

    /** Every route on the class path, in order of preference ({@code create-graph} first). */
    public static List<InputGradientRoute> available() {
        List<InputGradientRoute> routes = new ArrayList<>();
        for (InputGradientRoute r : ServiceLoader.load(InputGradientRoute.class,
                InputGradientRoutes.class.getClassLoader())) {
            routes.add(r);
        }
        routes.sort(Comparator.comparing((InputGradientRoute r) -> !r.name().equals("create-graph"))
                .thenComparing(InputGradientRoute::name));
        return List.copyOf(routes);
    }

    /** The names of the available routes, for error messages and option checks. */
    public static List<String> names() {
        return available().stream().map(InputGradientRoute::name).collect(Collectors.toList());
    }

    /**
     * The route that serves {@code critic} on the engine in use.
     *
     * @param preference {@value #AUTO} or a route's name
     * @param what the penalty asking, for the message (for example "regularizer 'wgan-gp'")
     * @throws IllegalArgumentException if {@code preference} names no available route
     * @throws UnsupportedOperationException if no acceptable route can serve the critic: the
     *     message gives each route's reason and the ways out
     */
    public static InputGradientRoute select(String preference, Discriminator critic, String what) {
        List<InputGradientRoute> routes = available();
        List<String> reasons = new ArrayList<>();
        boolean named = false;
        for (InputGradientRoute r : routes) {
            if (!preference.equals(AUTO) && !preference.equals(r.name())) {
                continue;
            }
            named = true;
            String reason = r.unsupportedReason(critic);
            if (reason == null) {
                return r;
            }
            reasons.add("route '" + r.name() + "': " + reason);
        }
        if (!named) {
            throw new IllegalArgumentException(what + ": unknown gradient route '" + preference
                    + "'. Known routes: " + names() + " (or " + AUTO + ")");
        }
        String engine = Engine.getInstance().getEngineName();
        throw new UnsupportedOperationException(what + " needs the critic's input gradient,"
                + " which no route can compute for this critic on the " + engine + " engine: "
                + String.join("; ", reasons) + ". Way out: use a critic without BatchNorm built"
                + " from supported layers (for dcgan: model-options norm=layer or norm=none),"
                + " or the PyTorch engine (engine-pytorch on the class path), or a loss without a gradient"
                + " penalty.");
    }
}
