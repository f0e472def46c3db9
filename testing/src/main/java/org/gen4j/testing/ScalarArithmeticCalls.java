package org.gen4j.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Finds compiled calls of DJL's {@code NDArray} arithmetic that takes a Java number and
 * differentiates through it ({@code mul(Number)}, {@code div(Number)}, {@code pow(Number)},
 * {@code maximum(Number)}, {@code minimum(Number)} and {@code rdiv(Number)}), by reading the
 * constant pools of class files.
 *
 * <p>On DJL's PyTorch engine these calls build the number as a tensor over a Java direct buffer
 * and close it at once, while the autograd graph keeps the tensor for the backward pass: once
 * the garbage collector frees the buffer, the gradient reads whatever memory took its place.
 * gen4j code uses {@code org.gen4j.core.engine.Scalars} instead; this scan keeps it so. Addition
 * and subtraction keep no operand for their gradient, comparisons have none, and the in-place
 * forms ({@code muli(Number)}) serve code outside a recording (optimizers, weight averages),
 * where the operation completes before its number is freed: those are not reported.
 */
public final class ScalarArithmeticCalls {

    private static final String NUMBER_FIRST = "(Ljava/lang/Number;)";
    private static final Set<String> NAMES = Set.of("mul", "div", "pow", "maximum", "minimum",
            "rdiv");
    private static final Set<String> OWNERS = Set.of("ai/djl/ndarray/NDArray",
            "ai/djl/ndarray/NDArrayAdapter", "ai/djl/pytorch/engine/PtNDArray");

    private ScalarArithmeticCalls() {}

    /**
     * The calls in the classes under {@code root} (a directory of classes or a jar) whose names
     * start with {@code prefix} (a package path such as {@code org/gen4j/}), as {@code
     * "CLASS calls NDArray.NAME(Number)"}, sorted.
     */
    public static List<String> find(Path root, String prefix) {
        return ClassFileCalls.find(root, prefix,
                c -> OWNERS.contains(c.owner()) && NAMES.contains(c.name())
                        && c.descriptor().startsWith(NUMBER_FIRST),
                c -> c.caller() + " calls NDArray." + c.name() + "(Number)");
    }
}
