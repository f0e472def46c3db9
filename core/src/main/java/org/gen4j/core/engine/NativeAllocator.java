package org.gen4j.core.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.slf4j.LoggerFactory;

/**
 * Tunes glibc's {@code malloc}, from which both engines take their arrays on the CPU, so that
 * memory a step frees is kept for the next step instead of being handed back to the kernel.
 *
 * <p>By default glibc serves a block above a threshold that starts at 128 KB from a fresh
 * {@code mmap} and unmaps it when freed, and trims free memory at the top of its heaps. A
 * training step allocates and frees the same tens of megabytes of activations every step, so
 * each step then faults its pages in again: the kernel zeroes every 4 KB page on first touch.
 * libtorch, which has no CPU memory pool, paid for this in the JVM about 2.9 million page faults
 * in 36 PixelCNN steps against 0.33 million in Python (the same library and steps), and the
 * time of the step's reorders doubled. {@link #retainFreedMemory} fixes the thresholds
 * instead: blocks up to 32 MB (the largest threshold {@code mallopt(3)} documents on 64-bit
 * systems) come from the heap, free memory is trimmed only above 256 MB, and heaps grow in 64 MB
 * steps. Measured ({@code bench/README}, the bench's step commands with and without): the DCGAN
 * step on MXNet 141 to 112-117 ms and 1.6 to 0.08 million page faults in 40 steps, the PixelCNN
 * step on the PyTorch engine 0.7-1.1 to 0.2 million faults and up to a quarter faster, at the
 * same or up to 17 MB higher peak resident memory.
 *
 * <p>The settings are the process's: {@link EngineSetup} applies them unless told not to, and a
 * host that manages its allocator itself can leave them out ({@code optTuneAllocator(false)}).
 * Elsewhere than on glibc (Windows, macOS, musl) nothing is changed.
 */
public final class NativeAllocator {

    /** glibc's {@code M_TRIM_THRESHOLD}. */
    static final int M_TRIM_THRESHOLD = -1;
    /** glibc's {@code M_TOP_PAD}. */
    static final int M_TOP_PAD = -2;
    /** glibc's {@code M_MMAP_THRESHOLD}. */
    static final int M_MMAP_THRESHOLD = -3;

    /** Blocks up to this size come from the heap: mallopt(3)'s documented 64-bit maximum. */
    static final int MMAP_THRESHOLD = 32 << 20;
    /** Free memory at the top of a heap is returned above this. */
    static final int TRIM_THRESHOLD = 256 << 20;
    /** The extra each heap grows by. */
    static final int TOP_PAD = 64 << 20;

    private interface C extends Library {
        int mallopt(int param, int value);
    }

    private static volatile boolean tuned;

    private NativeAllocator() {}

    /**
     * Sets glibc's thresholds so that freed memory is kept for reuse (see the class comment);
     * once per process, later calls return at once.
     *
     * @return whether the thresholds are set: false off Linux, or where the C library refuses
     *     them (it is not glibc)
     */
    public static synchronized boolean retainFreedMemory() {
        if (tuned) {
            return true;
        }
        if (!Platform.isLinux()) {
            return false;
        }
        try {
            tuned = set(M_MMAP_THRESHOLD, MMAP_THRESHOLD) && set(M_TRIM_THRESHOLD, TRIM_THRESHOLD)
                    && set(M_TOP_PAD, TOP_PAD);
        } catch (UnsatisfiedLinkError e) {
            tuned = false;
        }
        if (!tuned) {
            LoggerFactory.getLogger(NativeAllocator.class).debug("the C library did not take"
                    + " malloc thresholds (not glibc?); its defaults stay");
        }
        return tuned;
    }

    /** Whether {@link #retainFreedMemory} has set the thresholds in this process. */
    public static boolean isTuned() {
        return tuned;
    }

    /** One {@code mallopt} call: whether the C library took the value. */
    static boolean set(int param, int value) {
        return Native.load(Platform.C_LIBRARY_NAME, C.class).mallopt(param, value) == 1;
    }
}
