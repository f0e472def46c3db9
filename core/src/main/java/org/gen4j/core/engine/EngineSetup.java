package org.gen4j.core.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.LoggerFactory;

/**
 * Prepares DJL for gen4j before the first engine use: offline mode (nothing is downloaded at run
 * time), the engine's thread count, quiet GPU detection on machines without one, the native
 * allocator's thresholds ({@link NativeAllocator}), and the choice of engine; and names a missing
 * engine with the coordinates that bring it.
 *
 * <pre>{@code
 * String engine = EngineSetup.builder().optEngine("pytorch").optThreads(2).apply();
 * }</pre>
 *
 * <p>Call it before anything creates an {@code NDManager}: DJL reads these settings when the
 * engine loads, once per JVM. The {@code gen4j} command line calls it for every verb.
 */
public final class EngineSetup {

    /** The name DJL gives the MXNet engine. */
    public static final String MXNET = "MXNet";
    /** The name DJL gives the PyTorch engine. */
    public static final String PYTORCH = "PyTorch";

    /**
     * Whether the arrays of {@code manager} are MXNet's.
     *
     * @param manager any manager
     * @return {@code true} if its engine is {@value #MXNET}
     */
    public static boolean isMxnet(NDManager manager) {
        return MXNET.equals(manager.getEngine().getEngineName());
    }

    /**
     * Whether the arrays of {@code manager} are PyTorch's.
     *
     * @param manager any manager
     * @return {@code true} if its engine is {@value #PYTORCH}
     */
    public static boolean isPytorch(NDManager manager) {
        return PYTORCH.equals(manager.getEngine().getEngineName());
    }

    /** What to add to a Maven build for each engine. */
    static final Map<String, String> COORDINATES = Map.of(
            MXNET, "ai.djl.mxnet:mxnet-engine:0.36.0 and"
                    + " ai.djl.mxnet:mxnet-native-mkl:1.9.1 (classifier linux-x86_64)",
            PYTORCH, "ai.djl.pytorch:pytorch-engine, ai.djl.pytorch:pytorch-jni and"
                    + " ai.djl.pytorch:pytorch-native-cpu:2.7.1 (classifier linux-x86_64)");

    private final String engine;
    private final Integer threads;
    private final boolean offline;
    private final boolean quietGpuDetection;
    private final boolean tuneAllocator;

    private EngineSetup(Builder b) {
        this.engine = b.engine;
        this.threads = b.threads;
        this.offline = b.offline;
        this.quietGpuDetection = b.quietGpuDetection;
        this.tuneAllocator = b.tuneAllocator;
    }

    /** A set-up with the defaults: the build's default engine, offline, quiet GPU detection. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The canonical engine name for a user's spelling ({@code mxnet}, {@code pytorch}, {@code
     * torch}, in any case).
     *
     * @throws IllegalArgumentException for any other name
     */
    public static String canonical(String name) {
        return switch (Objects.requireNonNull(name, "engine name is null")
                .toLowerCase(Locale.ROOT)) {
            case "mxnet" -> MXNET;
            case "pytorch", "torch" -> PYTORCH;
            default -> throw new IllegalArgumentException("engine must be mxnet or pytorch, got '"
                    + name + "'");
        };
    }

    /**
     * Applies the settings and returns the name of the engine that will run.
     *
     * @throws EngineNotFoundException if no engine, or not the one asked for, is on the class
     *     path; the message names what to add
     */
    public String apply() {
        if (offline) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (threads != null) {
            System.setProperty("ai.djl.pytorch.num_threads", threads.toString());
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
            setOpenMpThreads(threads);
        }
        System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
        if (tuneAllocator) {
            NativeAllocator.retainFreedMemory();
        }
        if (quietGpuDetection && !hasNvidiaDriver()) {
            QuietLogging.raise("ai.djl.util.cuda.CudaUtils");
        }
        Set<String> available = new TreeSet<>(Engine.getAllEngines());
        String missing = missingEngineMessage(engine, available);
        if (missing != null) {
            throw new EngineNotFoundException(missing);
        }
        if (engine != null) {
            System.setProperty("ai.djl.default_engine", engine);
        }
        return Engine.getInstance().getEngineName();
    }

    /**
     * MXNet's operators (its own and MKL-DNN's) take their thread count from the OpenMP runtime,
     * which reads {@code OMP_NUM_THREADS} once, when MXNet's library loads; so it is set in the
     * native environment before that. Once MXNet is loaded the count cannot change, and where the
     * platform has no {@code setenv} (Windows) it is not set: both are logged as warnings.
     */
    private static void setOpenMpThreads(int threads) {
        String value = Integer.toString(threads);
        if (NativeEnvironment.loaded("libmxnet")) {
            if (!value.equals(System.getenv("OMP_NUM_THREADS"))) {
                LoggerFactory.getLogger(EngineSetup.class).warn("MXNet is loaded already, its"
                        + " threads fixed (OMP_NUM_THREADS={}); {} threads apply to PyTorch only:"
                        + " set threads before the first use of an engine, or OMP_NUM_THREADS={}"
                        + " in the environment", System.getenv("OMP_NUM_THREADS"), value, value);
            }
            return;
        }
        if (!NativeEnvironment.set("OMP_NUM_THREADS", value)) {
            LoggerFactory.getLogger(EngineSetup.class).warn("this platform cannot set"
                    + " OMP_NUM_THREADS for MXNet from the JVM; set OMP_NUM_THREADS={} in the"
                    + " environment", value);
        }
    }

    /**
     * Checks that an engine is on the class path, without changing any setting.
     *
     * @return the default engine's name
     * @throws EngineNotFoundException naming the coordinates to add
     */
    public static String requireEngine() {
        Set<String> available = new TreeSet<>(Engine.getAllEngines());
        String missing = missingEngineMessage(null, available);
        if (missing != null) {
            throw new EngineNotFoundException(missing);
        }
        return Engine.getInstance().getEngineName();
    }

    /**
     * Why the engine asked for cannot run with those available, or null if it can.
     *
     * @param wanted the canonical name asked for, or null for any
     * @param available the engines on the class path
     */
    static String missingEngineMessage(String wanted, Set<String> available) {
        if (available.isEmpty()) {
            return "No deep-learning engine is on the class path: gen4j runs on DJL and needs one."
                    + " Add " + COORDINATES.get(MXNET) + " (the default engine), or "
                    + COORDINATES.get(PYTORCH);
        }
        if (wanted != null && !available.contains(wanted)) {
            return "The engine " + wanted + " is not on the class path (available: " + available
                    + "). Add " + COORDINATES.getOrDefault(wanted, "its DJL engine jars");
        }
        return null;
    }

    private static boolean hasNvidiaDriver() {
        return Files.exists(Path.of("/proc/driver/nvidia/version"));
    }

    /** The settings of an {@link EngineSetup}. */
    public static final class Builder {

        private String engine;
        private Integer threads;
        private boolean offline = true;
        private boolean quietGpuDetection = true;
        private boolean tuneAllocator = true;

        private Builder() {}

        /** The engine: {@code mxnet} or {@code pytorch}; default: the one the build holds. */
        public Builder optEngine(String name) {
            this.engine = name == null ? null : canonical(name);
            return this;
        }

        /**
         * The engine's operator threads: PyTorch's intra-op threads, or MXNet's OpenMP threads
         * (set as {@code OMP_NUM_THREADS} in the native environment before its library loads;
         * {@link #apply} logs a warning when MXNet is loaded already with another count).
         *
         * @throws IllegalArgumentException if {@code threads} is below 1
         */
        public Builder optThreads(Integer threads) {
            if (threads != null && threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** Whether DJL stays offline (default true: gen4j downloads nothing at run time). */
        public Builder optOffline(boolean offline) {
            this.offline = offline;
            return this;
        }

        /**
         * Whether DJL's GPU probe is kept quiet on a machine without an NVIDIA driver (default
         * true), where it otherwise warns twice per run that no GPU was found.
         */
        public Builder optQuietGpuDetection(boolean quiet) {
            this.quietGpuDetection = quiet;
            return this;
        }

        /**
         * Whether the C library's allocator keeps the memory a step frees for the next step
         * (default true; {@link NativeAllocator#retainFreedMemory}): the settings are the
         * process's, so a host that tunes its allocator itself turns this off.
         */
        public Builder optTuneAllocator(boolean tune) {
            this.tuneAllocator = tune;
            return this;
        }

        /** Applies the settings; see {@link EngineSetup#apply()}. */
        public String apply() {
            return new EngineSetup(this).apply();
        }
    }
}
