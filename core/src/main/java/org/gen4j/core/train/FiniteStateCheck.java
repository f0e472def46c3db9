package org.gen4j.core.train;

import java.util.Collection;
import java.util.Map;
import org.gen4j.core.optim.NonFinite;
import org.gen4j.core.optim.Optimizer;
import org.gen4j.core.procedure.Network;

/**
 * The check a trainer's state passes before a checkpoint keeps it: no parameter (running
 * statistics included) and no optimizer state may be NaN or infinite, since the losses can stay
 * finite while a weight or a moment has overflowed.
 */
final class FiniteStateCheck {

    private FiniteStateCheck() {}

    /**
     * Fails when a parameter of a network or the state of an optimizer is NaN or infinite.
     *
     * @param step the step the state belongs to, for the message
     * @param networks the networks whose initialised parameters are checked
     * @param optimizers the optimizers by the name of the network they train
     * @throws NonFiniteLossException naming the network, the parameter and the value
     */
    static void check(long step, Collection<Network> networks,
            Map<String, Optimizer> optimizers) {
        for (Network n : networks) {
            for (var p : n.block().getParameters()) {
                if (p.getValue().isInitialized()) {
                    float v = NonFinite.worst(p.getValue().getArray());
                    if (!Float.isFinite(v)) {
                        throw NonFiniteLossException.ofState(step, "parameter " + p.getKey()
                                + " of network " + n.name(), v);
                    }
                }
            }
        }
        for (Map.Entry<String, Optimizer> e : optimizers.entrySet()) {
            String bad = e.getValue().firstNonFiniteState();
            if (bad != null) {
                float v = bad.endsWith("NaN") ? Float.NaN : Float.POSITIVE_INFINITY;
                throw NonFiniteLossException.ofState(step, "the " + e.getValue().name()
                        + " state of network " + e.getKey() + " (" + bad + ")", v);
            }
        }
    }
}
