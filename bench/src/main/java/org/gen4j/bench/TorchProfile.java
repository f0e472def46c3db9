package org.gen4j.bench;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;

/**
 * libtorch's operator profiler around the timed steps, when the bench runs on the PyTorch engine
 * and the system property {@value #PROPERTY} names the file to write (Chrome trace format, one
 * event per operator call with its nested calls; {@code bench/profile-summary} sums it by
 * operator). DJL exposes the profiler as {@link JniUtils#startProfile} and {@link
 * JniUtils#stopProfile}; MXNet's own profiler is switched on by its environment instead.
 */
final class TorchProfile implements AutoCloseable {

    /** The system property that names the output file. */
    static final String PROPERTY = "gen4j.bench.torchProfile";

    private final Path file;

    private TorchProfile(Path file) {
        this.file = file;
    }

    /**
     * Starts the profiler if {@value #PROPERTY} is set; the result's {@link #close} writes the
     * file. Without the property, or on another engine, nothing is started.
     *
     * @throws IllegalStateException if the property is set on an engine other than PyTorch
     */
    static TorchProfile startIfAsked() {
        String name = System.getProperty(PROPERTY);
        if (name == null || name.isBlank()) {
            return new TorchProfile(null);
        }
        String engine = Engine.getInstance().getEngineName();
        if (!"PyTorch".equals(engine)) {
            throw new IllegalStateException("-D" + PROPERTY + " profiles the PyTorch engine only;"
                    + " this JVM runs " + engine + " (MXNet: MXNET_PROFILER_AUTOSTART=1)");
        }
        JniUtils.startProfile(false, true, false);
        return new TorchProfile(Path.of(name).toAbsolutePath());
    }

    @Override
    public void close() {
        if (file != null) {
            JniUtils.stopProfile(file.toString());
            System.out.println("torch profile: " + file);
        }
    }
}
