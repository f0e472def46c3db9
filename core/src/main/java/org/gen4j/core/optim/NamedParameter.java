package org.gen4j.core.optim;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A trainable parameter with its structural name in the block tree ({@code "01Linear_weight"}).
 *
 * <p>DJL's parameter ids are unique per instance, so they differ between the run that saved a
 * checkpoint and the run that loads it; the structural name is the same for the same architecture,
 * and it is what optimizer state is keyed by.
 *
 * @param name the path of the parameter in its block
 * @param parameter the parameter
 */
public record NamedParameter(String name, Parameter parameter) {

    /** Validates the pair. */
    public NamedParameter {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(parameter, "parameter is null");
    }

    /** The trainable parameters of an initialised block, in block order. */
    public static List<NamedParameter> trainable(Block block) {
        List<NamedParameter> list = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                list.add(new NamedParameter(p.getKey(), p.getValue()));
            }
        }
        return list;
    }
}
