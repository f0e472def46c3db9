package org.gen4j.testing;

import ai.djl.engine.Engine;

/**
 * The DJL engine the tests run on, for tests that must know it (for example to skip a check that an
 * engine cannot do, with {@code Assumptions.assumeTrue(Engines.isPyTorch())}).
 *
 * <p>The build picks the engine: the default profile puts MXNet on the test class path and {@code
 * -Ppytorch} puts PyTorch there instead.
 */
public final class Engines {

    /** The name DJL gives the MXNet engine. */
    public static final String MXNET = "MXNet";

    /** The name DJL gives the PyTorch engine. */
    public static final String PYTORCH = "PyTorch";

    private Engines() {}

    /**
     * The name of the default engine, as {@link Engine#getEngineName()} reports it.
     *
     * @return {@code "MXNet"}, {@code "PyTorch"} or another engine's name
     */
    public static String current() {
        return Engine.getInstance().getEngineName();
    }

    /**
     * Whether the default engine is PyTorch.
     *
     * @return true on the PyTorch engine
     */
    public static boolean isPyTorch() {
        return PYTORCH.equals(current());
    }

    /**
     * Whether the default engine is MXNet.
     *
     * @return true on the MXNet engine
     */
    public static boolean isMxnet() {
        return MXNET.equals(current());
    }
}
