package org.gen4j.core.optim;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Set;

/**
 * The settings of one optimizer in a run spec.
 *
 * @param type "adam" or "rmsprop"
 * @param lr the learning rate, in (0, 10]
 * @param beta1 Adam's first-moment decay, in [0, 1)
 * @param beta2 Adam's second-moment decay (RMSprop's rho), in [0, 1)
 * @param eps the stabilising constant, in (0, 1]
 * @param weightDecay L2 weight decay, in [0, 1]
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record OptimizerSpec(
        @JsonProperty("type") String type,
        @JsonProperty("lr") double lr,
        @JsonProperty("beta1") double beta1,
        @JsonProperty("beta2") double beta2,
        @JsonProperty("eps") double eps,
        @JsonProperty("weight-decay") double weightDecay) {

    /** The optimizer types gen4j knows. */
    public static final Set<String> TYPES = Set.of("adam", "rmsprop");

    /** The DCGAN paper's Adam: lr 2e-4, beta1 0.5, beta2 0.999. */
    public static OptimizerSpec dcganAdam() {
        return new OptimizerSpec("adam", 2e-4, 0.5, 0.999, 1e-8, 0);
    }

    /** A copy with another learning rate. */
    public OptimizerSpec withLr(double newLr) {
        return new OptimizerSpec(type, newLr, beta1, beta2, eps, weightDecay);
    }

    /**
     * Checks every value; {@code prefix} names the spec key for messages ("optimizer-g").
     *
     * @throws IllegalArgumentException naming the key, the value and the allowed range
     */
    public void validate(String prefix) {
        if (type == null || !TYPES.contains(type)) {
            throw new IllegalArgumentException(
                    prefix + ".type must be one of " + new java.util.TreeSet<>(TYPES) + ", got "
                            + (type == null ? "nothing" : "'" + type + "'"));
        }
        check(prefix + ".lr", lr, lr > 0 && lr <= 10, "(0, 10]");
        check(prefix + ".beta1", beta1, beta1 >= 0 && beta1 < 1, "[0, 1)");
        check(prefix + ".beta2", beta2, beta2 >= 0 && beta2 < 1, "[0, 1)");
        check(prefix + ".eps", eps, eps > 0 && eps <= 1, "(0, 1]");
        check(prefix + ".weight-decay", weightDecay, weightDecay >= 0 && weightDecay <= 1, "[0, 1]");
    }

    private static void check(String key, double value, boolean ok, String range) {
        if (!ok || Double.isNaN(value)) {
            throw new IllegalArgumentException(key + " must be in " + range + ", got " + value);
        }
    }

    /** A new optimizer with these settings; its state lives under {@code parent}. */
    public Optimizer create(ai.djl.ndarray.NDManager parent) {
        validate("optimizer");
        return switch (type) {
            case "adam" -> new Adam(parent, (float) lr, (float) beta1, (float) beta2, (float) eps,
                    (float) weightDecay);
            case "rmsprop" -> new RmsProp(parent, (float) lr, (float) beta2, (float) eps,
                    (float) weightDecay);
            default -> throw new IllegalStateException("unreachable: " + type);
        };
    }
}
