package org.gen4j.core.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.File;
import java.util.Objects;

/**
 * A JVM of its own for {@link EngineThreadsTest}: sets the engine's threads, runs operators that
 * fork their thread team, and prints {@code threads N}, the threads of this process.
 */
final class ChildThreads {

    private ChildThreads() {}

    /** {@code ChildThreads THREADS}. */
    public static void main(String[] args) {
        EngineSetup.builder().optThreads(Integer.parseInt(args[0])).apply();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.randomUniform(0, 1, new Shape(512, 512));
            for (int i = 0; i < 3; i++) {
                a = a.matMul(a).div(512).tanh();
            }
            a.toFloatArray();
        }
        File[] tasks = new File("/proc/self/task").listFiles();
        System.out.println("threads " + Objects.requireNonNull(tasks).length);
    }
}
