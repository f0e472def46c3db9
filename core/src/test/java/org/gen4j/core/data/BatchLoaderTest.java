package org.gen4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.gen4j.core.random.RandomStream;
import org.junit.jupiter.api.Test;

class BatchLoaderTest {

    /** Sample i is (i, i + 0.5, i + 0.25) with shape (3) or (1, 1, 3); label i % 3. */
    static class Indexed implements SampleSet {
        final int n;
        final boolean labels;
        final Shape shape;
        final AtomicInteger copies = new AtomicInteger();

        Indexed(int n, boolean labels, Shape shape) {
            this.n = n;
            this.labels = labels;
            this.shape = shape;
        }

        @Override
        public int size() {
            return n;
        }

        @Override
        public Shape sampleShape() {
            return shape;
        }

        @Override
        public void copySample(int index, float[] dst, int offset) {
            copies.incrementAndGet();
            dst[offset] = index;
            dst[offset + 1] = index + 0.5f;
            dst[offset + 2] = index + 0.25f;
        }

        @Override
        public boolean hasLabels() {
            return labels;
        }

        @Override
        public int label(int index) {
            return index % 3;
        }

        @Override
        public int numClasses() {
            return labels ? 3 : 0;
        }

        @Override
        public String description() {
            return "indexed(" + n + ")";
        }
    }

    static Indexed data(int n) {
        return new Indexed(n, true, new Shape(3));
    }

    static List<int[]> take(BatchLoader loader, int count) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(loader.next().indices());
        }
        return out;
    }

    @Test
    void batchesAreLaidOutRowMajorWithLabels() {
        try (BatchLoader loader = BatchLoader.start(new Indexed(10, true, new Shape(1, 1, 3)), 4,
                5)) {
            assertThat(loader.batchShape()).isEqualTo(new Shape(4, 1, 1, 3));
            BatchLoader.Batch b = loader.next();
            assertThat(b.shape()).isEqualTo(new Shape(4, 1, 1, 3));
            assertThat(b.size()).isEqualTo(4);
            assertThat(b.data()).hasSize(12);
            for (int j = 0; j < 4; j++) {
                int i = b.indices()[j];
                assertThat(Arrays.copyOfRange(b.data(), 3 * j, 3 * j + 3))
                        .containsExactly(i, i + 0.5f, i + 0.25f);
                assertThat(b.labels()[j]).isEqualTo(i % 3);
            }
        }
        try (BatchLoader loader = BatchLoader.start(new Indexed(10, false, new Shape(3)), 4, 5)) {
            assertThat(loader.next().labels()).isNull();
        }
    }

    @Test
    void everyIndexOncePerEpochDropLastAndFreshPermutations() {
        int n = 103;
        int batch = 10;
        try (BatchLoader loader = BatchLoader.start(data(n), batch, 11)) {
            assertThat(loader.stepsPerEpoch()).isEqualTo(10);
            List<List<Integer>> epochs = new ArrayList<>();
            for (int e = 0; e < 3; e++) {
                List<Integer> seen = new ArrayList<>();
                for (int s = 0; s < loader.stepsPerEpoch(); s++) {
                    BatchLoader.Batch b = loader.next();
                    assertThat(b.epoch()).isEqualTo(e);
                    assertThat(b.index()).isEqualTo(s);
                    for (int i : b.indices()) {
                        seen.add(i);
                    }
                }
                assertThat(seen).hasSize(100).doesNotHaveDuplicates();
                assertThat(seen).allMatch(i -> i >= 0 && i < n);
                epochs.add(seen);
            }
            assertThat(epochs.get(0)).isNotEqualTo(epochs.get(1));
            assertThat(epochs.get(1)).isNotEqualTo(epochs.get(2));
        }
        // With n divisible by the batch size every index appears exactly once.
        try (BatchLoader loader = BatchLoader.start(data(40), 8, 3)) {
            List<Integer> seen = new ArrayList<>();
            for (int[] idx : take(loader, 5)) {
                for (int i : idx) {
                    seen.add(i);
                }
            }
            assertThat(seen).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.IntStream.range(0, 40).boxed().toList());
        }
    }

    @Test
    void sameSeedSameOrderOtherSeedOtherOrder() {
        List<int[]> a;
        List<int[]> b;
        List<int[]> c;
        try (BatchLoader la = BatchLoader.start(data(50), 7, 1);
                BatchLoader lb = BatchLoader.start(data(50), 7, 1);
                BatchLoader lc = BatchLoader.start(data(50), 7, 2)) {
            a = take(la, 20);
            b = take(lb, 20);
            c = take(lc, 20);
        }
        for (int i = 0; i < 20; i++) {
            assertThat(a.get(i)).isEqualTo(b.get(i));
        }
        assertThat(a.get(0)).isNotEqualTo(c.get(0));
    }

    @Test
    void resumeGivesExactlyTheBatchesOfAStraightRun() {
        int total = 40;
        List<BatchLoader.Batch> straight = new ArrayList<>();
        try (BatchLoader loader = BatchLoader.start(data(45), 6, 99)) {
            assertThat(loader.state()).isEqualTo(BatchLoader.initialState(99));
            for (int i = 0; i < total; i++) {
                straight.add(loader.next());
            }
        }
        // Resume after every possible number of consumed batches, including epoch boundaries.
        for (int cut = 0; cut < total; cut += 3) {
            BatchLoader.State state;
            try (BatchLoader first = BatchLoader.start(data(45), 6, 99)) {
                for (int i = 0; i < cut; i++) {
                    assertThat(first.next().indices()).isEqualTo(straight.get(i).indices());
                }
                state = first.state();
            }
            assertThat(state.epoch()).isEqualTo(cut / 7);
            assertThat(state.batchIndex()).isEqualTo(cut % 7);
            // The state is plain values: rebuild it as a checkpoint reader would.
            RandomStream.State r = state.epochStart();
            BatchLoader.State copy = new BatchLoader.State(state.epoch(), state.batchIndex(),
                    new RandomStream.State(r.s0(), r.s1(), r.s2(), r.s3(), r.hasSpare(),
                            r.spare()));
            try (BatchLoader resumed = BatchLoader.resume(data(45), 6, copy)) {
                for (int i = cut; i < total; i++) {
                    BatchLoader.Batch b = resumed.next();
                    BatchLoader.Batch s = straight.get(i);
                    assertThat(b.epoch()).isEqualTo(s.epoch());
                    assertThat(b.index()).isEqualTo(s.index());
                    assertThat(b.indices()).isEqualTo(s.indices());
                    assertThat(b.data()).isEqualTo(s.data());
                    assertThat(b.labels()).isEqualTo(s.labels());
                }
            }
        }
    }

    @Test
    void batchesAreNeverReused() {
        try (BatchLoader loader = BatchLoader.start(data(20), 4, 1)) {
            BatchLoader.Batch a = loader.next();
            float[] copy = a.data().clone();
            for (int i = 0; i < 12; i++) {
                assertThat(loader.next().data()).isNotSameAs(a.data());
            }
            assertThat(a.data()).isEqualTo(copy);
        }
    }

    @Test
    void errorsOnTheThreadSurfaceOnNextWithTheCause() {
        RuntimeException boom = new IllegalArgumentException("sample 7 is corrupt");
        Indexed failing = new Indexed(20, false, new Shape(3)) {
            @Override
            public void copySample(int index, float[] dst, int offset) {
                if (index == 7) {
                    throw boom;
                }
                super.copySample(index, dst, offset);
            }
        };
        try (BatchLoader loader = BatchLoader.start(failing, 20, 1)) {
            assertThatThrownBy(loader::next)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("indexed(20)")
                    .hasMessageContaining("sample 7 is corrupt")
                    .hasCause(boom);
            assertThatThrownBy(loader::next).hasCause(boom);
        }
    }

    @Test
    void closeStopsTheThread() throws InterruptedException {
        Indexed d = data(1000);
        BatchLoader loader = BatchLoader.start(d, 10, 1);
        loader.next();
        Thread worker = loader.worker();
        assertThat(worker.isDaemon()).isTrue();
        // The queue bounds the work done ahead: at most the consumed batch, two queued and
        // one being built.
        Thread.sleep(200);
        assertThat(d.copies.get()).isLessThanOrEqualTo(4 * 10);
        assertThat(worker.isAlive()).isTrue();
        loader.close();
        assertThat(worker.isAlive()).isFalse();
        assertThatThrownBy(loader::next).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        loader.close();
    }

    @Test
    void invalidArgumentsAreClear() {
        assertThatThrownBy(() -> BatchLoader.start(data(10), 11, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch size 11 is larger than the data set (indexed(10), 10 "
                        + "samples)");
        assertThatThrownBy(() -> BatchLoader.start(data(10), 0, 1))
                .hasMessageContaining("batch size must be > 0, got 0");
        BatchLoader.State far = new BatchLoader.State(0, 5, BatchLoader.initialState(1)
                .epochStart());
        assertThatThrownBy(() -> BatchLoader.resume(data(10), 2, far))
                .hasMessageContaining("batchIndex 5").hasMessageContaining("only 5 batches");
    }
}
