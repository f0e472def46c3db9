package org.gen4j.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Finds compiled calls of DJL methods that copy Java data into an engine array by themselves:
 * {@code NDManager.create} from a Java array, number or buffer, {@code NDArray.set} from one,
 * {@code decode} of encoded arrays, and {@code Block.loadParameters}, by reading the constant
 * pools of class files ({@link ClassFileCalls}).
 *
 * <p>On DJL's MXNet engine these copies go through a direct buffer that DJL does not keep
 * reachable while MXNet reads it, so a garbage collection during the copy hands MXNet freed
 * memory. gen4j code uses {@code org.gen4j.core.engine.HostArrays} instead; this scan keeps it
 * so. Creating arrays by shape ({@code zeros}, {@code create(Shape)}) copies nothing and is not
 * reported.
 */
public final class HostCopyCalls {

    private static final Set<String> MANAGERS = Set.of("ai/djl/ndarray/NDManager",
            "ai/djl/ndarray/BaseNDManager", "ai/djl/mxnet/engine/MxNDManager");
    private static final Set<String> ARRAYS = Set.of("ai/djl/ndarray/NDArray",
            "ai/djl/ndarray/NDArrayAdapter", "ai/djl/mxnet/engine/MxNDArray");

    private HostCopyCalls() {}

    /**
     * The calls in the classes under {@code root} (a directory of classes or a jar) whose names
     * start with {@code prefix} (a package path such as {@code org/gen4j/}), as {@code "CLASS
     * calls OWNER.NAME DESCRIPTOR"}, sorted.
     */
    public static List<String> find(Path root, String prefix) {
        return ClassFileCalls.find(root, prefix, HostCopyCalls::copiesJavaData,
                c -> c.caller() + " calls " + c.owner().substring(c.owner().lastIndexOf('/') + 1)
                        + "." + c.name() + " " + c.descriptor());
    }

    /** Whether a call copies Java data into an engine array through DJL's own copy. */
    static boolean copiesJavaData(ClassFileCalls.Call c) {
        String d = c.descriptor();
        boolean javaData = d.startsWith("([") || d.startsWith("(Ljava/nio/")
                || d.matches("\\([BSIJFDZ][^)]*\\).*");
        if (MANAGERS.contains(c.owner())) {
            return c.name().equals("decode") || c.name().equals("create") && javaData;
        }
        if (ARRAYS.contains(c.owner())) {
            return c.name().equals("decode") || c.name().equals("set") && javaData;
        }
        if (c.owner().equals("ai/djl/ndarray/NDList")) {
            return c.name().equals("decode");
        }
        return c.owner().startsWith("ai/djl/nn/") && c.name().equals("loadParameters");
    }
}
