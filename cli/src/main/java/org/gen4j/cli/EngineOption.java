package org.gen4j.cli;

import org.gen4j.core.engine.EngineNotFoundException;
import org.gen4j.core.engine.EngineSetup;
import picocli.CommandLine.Option;

/**
 * The engine switch shared by every verb that computes: chooses the DJL engine, keeps DJL offline
 * (nothing is downloaded at run time), and sets the thread count, through the library's {@link
 * EngineSetup}.
 */
final class EngineOption {

    @Option(names = "--engine", paramLabel = "NAME",
            description = "Deep-learning engine: mxnet (default) or pytorch. The jar holds the"
                    + " engines it was built with (build with -Ppytorch for PyTorch).")
    String engine;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for the engine's operators (default: all cores).")
    Integer threads;

    /**
     * Applies the choice before the first engine use and returns the engine's name.
     *
     * @throws IllegalArgumentException if the engine is unknown, the thread count below 1, or the
     *     engine not in this build
     */
    String apply() {
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        String wanted;
        try {
            wanted = engine == null ? null : EngineSetup.canonical(engine);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--engine must be mxnet or pytorch, got '" + engine
                    + "'", e);
        }
        try {
            return EngineSetup.builder().optEngine(wanted).optThreads(threads).apply();
        } catch (EngineNotFoundException e) {
            String rebuild = EngineSetup.PYTORCH.equals(wanted)
                    ? "build the cli module with -Ppytorch (./mvnw -Ppytorch -pl cli -am package)"
                    : "build the cli module with its default profile";
            throw new IllegalArgumentException(e.getMessage() + "; for the gen4j command, "
                    + rebuild, e);
        }
    }
}
