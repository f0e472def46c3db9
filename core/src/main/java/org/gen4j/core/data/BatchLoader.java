package org.gen4j.core.data;

import ai.djl.ndarray.types.Shape;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.gen4j.core.procedure.BatchField;
import org.gen4j.core.random.RandomStream;

/**
 * Serves mini-batches of a {@link SampleSet} in a seeded, shuffled order, preparing the next
 * batches on a background thread while the consumer trains on the current one.
 *
 * <p>Order: at the start of each epoch the identity permutation {@code 0..n-1} is shuffled
 * (Fisher-Yates) by a {@link RandomStream}, which then continues into the next epoch, so every
 * epoch has a fresh permutation. An epoch has {@link #stepsPerEpoch()} = {@code n / batchSize}
 * batches; the last {@code n % batchSize} samples of each permutation are dropped, so every batch
 * is full. The epochs never end: {@link #next()} always returns a batch.
 *
 * <p>Resuming: {@link #state()} describes the position of the next batch {@link #next()} will
 * return (epoch, batch index within the epoch, and the random state at the start of that epoch).
 * {@link #resume} with that state returns exactly the batches a straight run would have returned.
 *
 * <p>Prefetching: a daemon thread fills a bounded queue (by default {@value #DEFAULT_PREFETCH}
 * batches ahead). An exception on that thread is thrown by the consumer's next call to {@link
 * #next()}, as an {@link IllegalStateException} whose cause is the original exception. {@link
 * #close()} stops the thread. The sample set must allow reads from that thread (the sets in this
 * package are immutable).
 *
 * <p>Ownership: every batch has newly allocated arrays that belong to the consumer; the loader
 * never writes to a batch once it has been handed out. {@link #next()}, {@link #state()} and
 * {@link #close()} are meant for one consumer thread.
 */
public final class BatchLoader implements AutoCloseable {

    /** The default number of batches prepared ahead of the consumer. */
    public static final int DEFAULT_PREFETCH = 2;

    private static final String ORDER_PURPOSE = "data-order";
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final SampleSet data;
    private final int batchSize;
    private final int steps;
    private final int sampleSize;
    private final Shape batchShape;
    private final BlockingQueue<Item> queue;
    private final Thread worker;
    private volatile boolean closed;
    private State next;
    private Throwable failure;

    /**
     * The position of the next batch a loader will return.
     *
     * @param epoch the epoch, from 0
     * @param batchIndex the index of the batch within the epoch, in [0, stepsPerEpoch)
     * @param epochStart the state of the order stream at the start of the epoch, before its shuffle
     */
    public record State(int epoch, int batchIndex, RandomStream.State epochStart) {

        /** Checks the values. */
        public State {
            Objects.requireNonNull(epochStart, "epochStart is null");
            if (epoch < 0 || batchIndex < 0) {
                throw new IllegalArgumentException(
                        "batch loader state needs epoch >= 0 and batchIndex >= 0, got epoch "
                                + epoch + ", batchIndex " + batchIndex);
            }
        }
    }

    /**
     * One mini-batch. The arrays are new for every batch and belong to the consumer.
     *
     * @param epoch the epoch the batch belongs to, from 0
     * @param index the index of the batch within its epoch
     * @param data the samples, laid out {@code (N, sampleShape...)} row-major, ready for {@code
     *     manager.create(data, shape)}
     * @param labels the label of each sample, or {@code null} when the set has no labels
     * @param indices the index in the sample set of each sample of the batch
     * @param shape {@code (N, sampleShape...)}
     * @param fields the values of the set's extra fields ({@link SampleSet#fieldShapes()}), each
     *     {@code (N, fieldShape...)} row-major; empty when it has none
     */
    public record Batch(int epoch, int index, float[] data, int[] labels, int[] indices,
            Shape shape, Map<BatchField, float[]> fields) {

        /** Normalises a null map of fields. */
        public Batch {
            fields = fields == null ? Map.of() : Collections.unmodifiableMap(fields);
        }

        /** A batch without extra fields. */
        public Batch(int epoch, int index, float[] data, int[] labels, int[] indices,
                Shape shape) {
            this(epoch, index, data, labels, indices, shape, Map.of());
        }

        /** The number of samples in the batch. */
        public int size() {
            return indices.length;
        }
    }

    private record Item(Batch batch, State after, Throwable error) {}

    private BatchLoader(SampleSet data, int batchSize, State start, int prefetch) {
        this.data = Objects.requireNonNull(data, "data is null");
        Objects.requireNonNull(start, "state is null");
        int n = data.size();
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be > 0, got " + batchSize);
        }
        if (batchSize > n) {
            throw new IllegalArgumentException(
                    "batch size " + batchSize + " is larger than the data set ("
                            + data.description() + ", " + n + " samples); use a batch size of at "
                            + "most " + n);
        }
        if (prefetch <= 0) {
            throw new IllegalArgumentException("prefetch must be > 0, got " + prefetch);
        }
        this.batchSize = batchSize;
        this.steps = n / batchSize;
        if (start.batchIndex() >= steps) {
            throw new IllegalArgumentException(
                    "batch loader state has batchIndex " + start.batchIndex() + " but an epoch of "
                            + data.description() + " with batch size " + batchSize + " has only "
                            + steps + " batches; was the state saved with another batch size or "
                            + "data set?");
        }
        long[] dims = data.sampleShape().getShape();
        long size = data.sampleShape().size();
        if (size * batchSize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "a batch of " + batchSize + " samples of shape " + data.sampleShape()
                            + " does not fit in one float array; use a smaller batch size");
        }
        this.sampleSize = (int) size;
        long[] batchDims = new long[dims.length + 1];
        batchDims[0] = batchSize;
        System.arraycopy(dims, 0, batchDims, 1, dims.length);
        this.batchShape = new Shape(batchDims);
        this.next = start;
        this.queue = new ArrayBlockingQueue<>(prefetch);
        this.worker = new Thread(() -> produce(start),
                "gen4j-batch-loader-" + THREADS.incrementAndGet());
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * A loader from the first batch of epoch 0, in the order given by {@code seed}.
     *
     * @param data the samples
     * @param batchSize the number of samples per batch, in [1, data.size()]
     * @param seed the run's seed; the order stream is derived from it
     */
    public static BatchLoader start(SampleSet data, int batchSize, long seed) {
        return new BatchLoader(data, batchSize, initialState(seed), DEFAULT_PREFETCH);
    }

    /**
     * A loader that continues from a saved {@link #state()}: its batches are exactly those the
     * saving loader would have returned next.
     *
     * @param data the same samples the state was saved with
     * @param batchSize the same batch size the state was saved with
     * @param state the saved state
     */
    public static BatchLoader resume(SampleSet data, int batchSize, State state) {
        return new BatchLoader(data, batchSize, state, DEFAULT_PREFETCH);
    }

    /**
     * A loader from any state with a chosen prefetch depth.
     *
     * @param data the samples
     * @param batchSize the number of samples per batch, in [1, data.size()]
     * @param state where to start ({@link #initialState(long)} for a new run)
     * @param prefetch how many batches to prepare ahead, &gt; 0 (default {@value
     *     #DEFAULT_PREFETCH})
     */
    public static BatchLoader open(SampleSet data, int batchSize, State state, int prefetch) {
        return new BatchLoader(data, batchSize, state, prefetch);
    }

    /** The state at the start of a run with this seed: epoch 0, batch 0. */
    public static State initialState(long seed) {
        return new State(0, 0, RandomStream.derive(seed, ORDER_PURPOSE).state());
    }

    /**
     * The next batch, waiting for the background thread if it is not ready yet.
     *
     * @throws IllegalStateException when the loader is closed, or when preparing a batch failed
     *     (the cause is the original exception; every later call fails the same way)
     */
    public Batch next() {
        if (closed) {
            throw new IllegalStateException("batch loader is closed; open a new one to go on");
        }
        if (failure != null) {
            throw failed(failure);
        }
        Item item;
        try {
            item = queue.poll(1, TimeUnit.SECONDS);
            while (item == null) {
                if (!worker.isAlive() && queue.isEmpty()) {
                    throw new IllegalStateException(
                            "batch loader thread " + worker.getName() + " stopped without a batch "
                                    + "or an error");
                }
                item = queue.poll(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the next batch", e);
        }
        if (item.error() != null) {
            failure = item.error();
            throw failed(failure);
        }
        next = item.after();
        return item.batch();
    }

    /** The position of the batch the next call to {@link #next()} returns; save it to resume. */
    public State state() {
        return next;
    }

    /** The number of batches in an epoch: {@code data.size() / batchSize} (the rest is dropped). */
    public int stepsPerEpoch() {
        return steps;
    }

    /** The number of samples per batch. */
    public int batchSize() {
        return batchSize;
    }

    /** The shape of every batch's data, {@code (batchSize, sampleShape...)}. */
    public Shape batchShape() {
        return batchShape;
    }

    /** Stops the background thread and drops prepared batches; calling it again does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        worker.interrupt();
        queue.clear();
        try {
            worker.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The background thread, for tests. */
    Thread worker() {
        return worker;
    }

    private IllegalStateException failed(Throwable cause) {
        return new IllegalStateException(
                "batch loader over " + data.description() + " failed while preparing a batch: "
                        + cause, cause);
    }

    private void produce(State start) {
        try {
            RandomStream order = RandomStream.fromState(start.epochStart());
            RandomStream.State epochStart = start.epochStart();
            int[] perm = shuffled(order);
            RandomStream.State nextEpochStart = order.state();
            int epoch = start.epoch();
            int b = start.batchIndex();
            while (!closed) {
                Batch batch = build(epoch, b, perm);
                State after = b + 1 < steps
                        ? new State(epoch, b + 1, epochStart)
                        : new State(epoch + 1, 0, nextEpochStart);
                queue.put(new Item(batch, after, null));
                b++;
                if (b == steps) {
                    epoch++;
                    b = 0;
                    epochStart = nextEpochStart;
                    perm = shuffled(order);
                    nextEpochStart = order.state();
                }
            }
        } catch (InterruptedException e) {
            // close() interrupts the thread: stop quietly.
        } catch (Throwable t) {
            if (!closed) {
                try {
                    queue.put(new Item(null, null, t));
                } catch (InterruptedException e) {
                    // Closed while handing the error over: nobody is left to receive it.
                }
            }
        }
    }

    private int[] shuffled(RandomStream order) {
        int[] perm = new int[data.size()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        order.shuffle(perm);
        return perm;
    }

    private Batch build(int epoch, int b, int[] perm) {
        float[] values = new float[batchSize * sampleSize];
        int[] indices = new int[batchSize];
        int[] labels = data.hasLabels() ? new int[batchSize] : null;
        for (int j = 0; j < batchSize; j++) {
            int index = perm[b * batchSize + j];
            indices[j] = index;
            data.copySample(index, epoch, values, j * sampleSize);
            if (labels != null) {
                labels[j] = data.label(index);
            }
        }
        Map<BatchField, float[]> fields = new LinkedHashMap<>();
        for (Map.Entry<BatchField, Shape> f : data.fieldShapes().entrySet()) {
            int size = Math.toIntExact(f.getValue().size());
            float[] field = new float[batchSize * size];
            for (int j = 0; j < batchSize; j++) {
                data.copyField(f.getKey(), indices[j], epoch, field, j * size);
            }
            fields.put(f.getKey(), field);
        }
        return new Batch(epoch, b, values, labels, indices, batchShape, fields);
    }
}
