package org.gen4j.core.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's native environment, which native libraries read when they load: MXNet's OpenMP
 * runtime fixes its thread count from {@code OMP_NUM_THREADS} then, and the JVM cannot change
 * its own environment otherwise.
 */
final class NativeEnvironment {

    private interface C extends Library {
        int setenv(String name, String value, int overwrite);
    }

    private NativeEnvironment() {}

    /**
     * Sets a variable for the native libraries of this process that have not loaded yet.
     *
     * @return false where the platform has no {@code setenv} (Windows)
     * @throws IllegalStateException if {@code setenv} fails
     */
    static boolean set(String name, String value) {
        if (Platform.isWindows()) {
            return false;
        }
        C c = Native.load(Platform.C_LIBRARY_NAME, C.class);
        if (c.setenv(name, value, 1) != 0) {
            throw new IllegalStateException("setenv(" + name + ") failed with errno "
                    + Native.getLastError());
        }
        return true;
    }

    /**
     * Whether a native library whose file name contains {@code name} is mapped into this process
     * (Linux: {@code /proc/self/maps}); false where that cannot be read.
     */
    static boolean loaded(String name) {
        try {
            return Files.readString(Path.of("/proc/self/maps")).contains(name);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
