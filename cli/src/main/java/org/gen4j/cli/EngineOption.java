package org.gen4j.cli;

import ai.djl.engine.Engine;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Option;

/**
 * The engine switch shared by every verb that computes: chooses the DJL engine, keeps DJL offline
 * (nothing is downloaded at run time), and sets the thread count.
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
     * @throws IllegalArgumentException if the engine is unknown or not in this build
     */
    String apply() {
        System.setProperty("ai.djl.offline", "true");
        if (threads != null) {
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
            }
            System.setProperty("ai.djl.pytorch.num_threads", threads.toString());
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
        String wanted = engine == null ? null : canonical(engine);
        if (wanted != null) {
            System.setProperty("ai.djl.default_engine", wanted);
        }
        Set<String> available = new TreeSet<>(Engine.getAllEngines());
        if (available.isEmpty()) {
            throw new IllegalStateException("no DJL engine on the class path: build the cli module"
                    + " with its default (MXNet) or -Ppytorch profile");
        }
        if (wanted != null && !available.contains(wanted)) {
            throw new IllegalArgumentException("engine " + wanted + " is not in this build"
                    + " (available: " + available + "); rebuild with "
                    + (wanted.equals("PyTorch") ? "-Ppytorch" : "the default profile"));
        }
        return Engine.getInstance().getEngineName();
    }

    private static String canonical(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "mxnet" -> "MXNet";
            case "pytorch", "torch" -> "PyTorch";
            default -> throw new IllegalArgumentException(
                    "--engine must be mxnet or pytorch, got '" + name + "'");
        };
    }
}
