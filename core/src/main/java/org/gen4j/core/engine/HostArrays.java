package org.gen4j.core.engine;

import static org.gen4j.core.engine.EngineSetup.isMxnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Copies Java data (arrays, encoded arrays, saved parameters) into engine arrays so that the
 * engine receives exactly the values given. Use it instead of {@code NDManager.create(float[],
 * ...)}, {@code create(int[])}, {@code create(float)}, {@code decode} and {@code
 * Block.loadParameters}.
 *
 * <p>Why: DJL's MXNet engine (0.36.0) copies a Java array into an MXNet array through a direct
 * buffer that it allocates for the copy and does not keep reachable while MXNet reads it ({@code
 * MxNDArray.set} passes only the buffer's address to {@code MXNDArraySyncCopyFromCPU}). When the
 * garbage collector runs during the copy, the buffer's memory is freed while it is read, and the
 * array receives what the allocator wrote there: the first values of a batch turned to {@code
 * -8.9e36} once in 400 to 2,600 copies under a collection loop ({@code bench/run copy-race}), and
 * training runs with the same seed ended differently, one with an infinite BatchNorm variance.
 * Here, on MXNet, the values go through a direct buffer that this class holds (one per thread,
 * reused), so MXNet reads memory that stays allocated. On the other engines these are DJL's own
 * calls, which copy safely.
 *
 * <p>DJL decodes through the same copy and offers no way to supply the buffer, so on MXNet {@link
 * #decode} and {@link #loadParameters} decode twice and keep the result only when both agree
 * (the corruption is rare and never the same twice), trying up to {@value #DECODE_ATTEMPTS}
 * times.
 */
public final class HostArrays {

    /** The most decodes tried until two consecutive ones agree. */
    static final int DECODE_ATTEMPTS = 5;

    /** Staging buffers up to this size are kept per thread; larger copies get their own. */
    private static final int KEPT_BYTES = 16 << 20;
    private static final ThreadLocal<ByteBuffer[]> STAGING =
            ThreadLocal.withInitial(() -> new ByteBuffer[1]);

    private HostArrays() {}

    /** {@code manager.create(data, shape)}, copied exactly. */
    public static NDArray create(NDManager manager, float[] data, Shape shape) {
        return isMxnet(manager) ? staged(manager, shape, data.length * (long) Float.BYTES,
                b -> b.asFloatBuffer().put(data), ByteBuffer::asFloatBuffer)
                : manager.create(data, shape);
    }

    /** {@code manager.create(data)}, a vector, copied exactly. */
    public static NDArray create(NDManager manager, float[] data) {
        return create(manager, data, new Shape(data.length));
    }

    /** {@code manager.create(value)}, a scalar, copied exactly. */
    public static NDArray scalar(NDManager manager, float value) {
        return create(manager, new float[] {value}, new Shape());
    }

    /** {@code manager.create(data, shape)}, copied exactly. */
    public static NDArray create(NDManager manager, double[] data, Shape shape) {
        return isMxnet(manager) ? staged(manager, shape, data.length * (long) Double.BYTES,
                b -> b.asDoubleBuffer().put(data), ByteBuffer::asDoubleBuffer)
                : manager.create(data, shape);
    }

    /** {@code manager.create(data, shape)}, copied exactly. */
    public static NDArray create(NDManager manager, int[] data, Shape shape) {
        return isMxnet(manager) ? staged(manager, shape, data.length * (long) Integer.BYTES,
                b -> b.asIntBuffer().put(data), ByteBuffer::asIntBuffer)
                : manager.create(data, shape);
    }

    /** {@code manager.create(data)}, a vector, copied exactly. */
    public static NDArray create(NDManager manager, int[] data) {
        return create(manager, data, new Shape(data.length));
    }

    /** Fills a staging buffer and creates the array from a typed view of it. */
    private static NDArray staged(NDManager manager, Shape shape, long bytes,
            Consumer<ByteBuffer> fill, Function<ByteBuffer, Buffer> view) {
        ByteBuffer staging = staging(Math.toIntExact(bytes));
        try {
            fill.accept(staging);
            return manager.create(view.apply(staging), shape);
        } finally {
            Reference.reachabilityFence(staging);
        }
    }

    /** {@code manager.decode(bytes)}, checked on MXNet as the class says. */
    public static NDArray decode(NDManager manager, byte[] bytes) {
        if (!isMxnet(manager)) {
            return manager.decode(bytes);
        }
        return agreed(() -> new NDList(manager.decode(bytes)), "an encoded array").get(0);
    }

    /** {@code NDList.decode(manager, bytes)}, checked on MXNet as the class says. */
    public static NDList decodeList(NDManager manager, byte[] bytes) {
        if (!isMxnet(manager)) {
            return NDList.decode(manager, bytes);
        }
        return agreed(() -> NDList.decode(manager, bytes), "an encoded array list");
    }

    /**
     * {@code block.loadParameters(manager, ...)} from the bytes {@code Block.saveParameters}
     * wrote, checked on MXNet as the class says; closes the arrays the load replaces.
     *
     * @throws IOException if the bytes are not the block's parameters
     * @throws ai.djl.MalformedModelException if DJL finds them malformed
     */
    public static void loadParameters(Block block, NDManager manager, byte[] bytes)
            throws IOException, ai.djl.MalformedModelException {
        NDList replaced = parameterArrays(block);
        try {
            if (!isMxnet(manager)) {
                load(block, manager, bytes);
                return;
            }
            // The block holds the arrays of the last load: the earlier loads' are closed, and
            // the last is kept even where the loads disagree (the block still refers to it).
            agreed(() -> {
                load(block, manager, bytes);
                return parameterArrays(block);
            }, "the parameters of " + block.getClass().getSimpleName(), false);
        } finally {
            closeUnreferenced(replaced, block);
        }
    }

    /**
     * Closes the arrays a load replaced: DJL's {@code Parameter.load} sets the decoded array
     * and leaves the one it held open in its manager, so every resume into initialised
     * networks would keep a second copy of their parameters until the manager closes. Arrays
     * the block still holds (a load that failed before reaching them) stay open.
     */
    private static void closeUnreferenced(NDList replaced, Block block) {
        NDList current = parameterArrays(block);
        for (NDArray old : replaced) {
            boolean held = false;
            for (NDArray now : current) {
                held |= now == old;
            }
            if (!held) {
                old.close();
            }
        }
    }

    private static void load(Block block, NDManager manager, byte[] bytes)
            throws IOException, ai.djl.MalformedModelException {
        block.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    private static NDList parameterArrays(Block block) {
        NDList arrays = new NDList();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().isInitialized()) {
                arrays.add(p.getValue().getArray());
            }
        }
        return arrays;
    }

    /** A decode or a load, which may fail as DJL's loads do. */
    private interface Decoding {
        NDList get() throws IOException, ai.djl.MalformedModelException;
    }

    /** {@link #agreed(Decoding, String, boolean)} of a decode that throws nothing checked. */
    private static NDList agreed(Supplier<NDList> decode, String what) {
        try {
            return agreed(decode::get, what, true);
        } catch (IOException | ai.djl.MalformedModelException e) {
            throw new IllegalStateException(e); // a Supplier throws neither
        }
    }

    /**
     * Decodes until two consecutive results agree and returns the last; closes every other
     * result, and on failure the last too if {@code closeLastOnFailure}.
     */
    private static NDList agreed(Decoding decode, String what, boolean closeLastOnFailure)
            throws IOException, ai.djl.MalformedModelException {
        NDList previous = decode.get();
        for (int attempt = 2; attempt <= DECODE_ATTEMPTS; attempt++) {
            NDList current = decode.get();
            boolean same = sameValues(previous, current);
            previous.close();
            if (same) {
                return current;
            }
            previous = current;
        }
        if (closeLastOnFailure) {
            previous.close();
        }
        throw new IllegalStateException(failure(what));
    }

    private static String failure(String what) {
        return "MXNet received different values in " + DECODE_ATTEMPTS + " copies of " + what
                + " from the JVM; the machine's memory or the engine is faulty";
    }

    /** Whether two lists hold arrays of the same shapes, types and bytes. */
    static boolean sameValues(NDList a, NDList b) {
        if (a.size() != b.size()) {
            return false;
        }
        Function<NDArray, ByteBuffer> bytes = x -> x.toByteBuffer().order(ByteOrder.nativeOrder());
        for (int i = 0; i < a.size(); i++) {
            NDArray x = a.get(i);
            NDArray y = b.get(i);
            if (!x.getShape().equals(y.getShape()) || x.getDataType() != y.getDataType()
                    || !bytes.apply(x).equals(bytes.apply(y))) {
                return false;
            }
        }
        return true;
    }

    /** A direct buffer of {@code bytes} bytes at position 0, the thread's own when small. */
    private static ByteBuffer staging(int bytes) {
        if (bytes > KEPT_BYTES) {
            return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        ByteBuffer[] held = STAGING.get();
        if (held[0] == null || held[0].capacity() < bytes) {
            held[0] = ByteBuffer.allocateDirect(Math.max(bytes, 4096))
                    .order(ByteOrder.nativeOrder());
        }
        ByteBuffer b = held[0];
        b.clear().limit(bytes);
        return b.slice().order(ByteOrder.nativeOrder());
    }
}
