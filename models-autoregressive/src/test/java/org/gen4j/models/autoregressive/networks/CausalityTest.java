package org.gen4j.models.autoregressive.networks;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.gen4j.core.nn.SeededXavierInitializer;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.util.Options;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Causality by gradients: the outputs of value {@code i} (pixels in raster order, then channels
 * R, G, B) must have zero gradient with respect to every input value {@code j >= i}; and the
 * blind spot of stacked masked convolutions, earlier values an output cannot see.
 */
class CausalityTest {

    static final int SIZE = 7;

    /** A network of {@code factory} with the given options. */
    static Block network(AutoregressiveNetworkFactory factory, Map<String, Object> options,
            int colours, int k, int classes) {
        return factory.create(new Options("model", options), new Shape(colours, SIZE, SIZE), k,
                classes);
    }

    /**
     * For every output value, the input values it depends on: {@code seen[i][j]}, values indexed
     * {@code (r * W + c) * C + ch}, true if the gradient of output i with respect to input j is
     * non-zero at any of {@code trials} random binary images (one image could put a ReLU on every
     * path of some output at zero).
     */
    static boolean[][] dependencies(Block net, int colours, long seed, int trials) {
        int n = SIZE * SIZE * colours;
        boolean[][] seen = new boolean[n][n];
        try (NDManager m = NDManager.newBaseManager()) {
            net.setInitializer(new SeededXavierInitializer(new RandomStream(seed)),
                    Parameter.Type.WEIGHT);
            net.initialize(m, DataType.FLOAT32, new Shape(1, colours, SIZE, SIZE));
            ParameterStore ps = new ParameterStore(m, false);
            RandomStream random = new RandomStream(seed + 1);
            for (int trial = 0; trial < trials; trial++) {
                float[] values = new float[n];
                for (int i = 0; i < n; i++) {
                    values[i] = random.nextDouble() < 0.5 ? -1f : 1f;
                }
                gradients(net, ps, m, values, colours, seen);
            }
        }
        return seen;
    }

    private static void gradients(Block net, ParameterStore ps, NDManager m, float[] values,
            int colours, boolean[][] seen) {
        int n = values.length;
        for (int i = 0; i < n; i++) {
            int ch = i % colours;
            int r = i / colours / SIZE;
            int c = i / colours % SIZE;
            try (NDManager s = m.newSubManager()) {
                NDArray x = s.create(values, new Shape(1, SIZE, SIZE, colours))
                        .transpose(0, 3, 1, 2).duplicate();
                x.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray out = net.forward(ps, new NDList(x), true).singletonOrThrow();
                    // The outputs of value (ch, r, c) are channels j C + ch, j < k.
                    NDArray at = out.get(new NDIndex(":, {}::{}, {}, {}", ch, colours, r,
                            c));
                    gc.backward(at.sum());
                }
                float[] g = x.getGradient().transpose(0, 2, 3, 1).toFloatArray();
                for (int j = 0; j < n; j++) {
                    seen[i][j] |= g[j] != 0f;
                }
            }
        }
    }

    /** Asserts no output sees its own or a later value; returns how many earlier ones it sees. */
    static int assertCausal(boolean[][] seen) {
        int earlierSeen = 0;
        for (int i = 0; i < seen.length; i++) {
            for (int j = i; j < seen.length; j++) {
                assertThat(seen[i][j]).as("output %d depends on input %d", i, j).isFalse();
            }
            for (int j = 0; j < i; j++) {
                earlierSeen += seen[i][j] ? 1 : 0;
            }
        }
        return earlierSeen;
    }

    @ParameterizedTest(name = "pixelcnn, {0} colour(s), {1} output(s) per value")
    @CsvSource({"1, 1", "3, 1", "3, 256"})
    void pixelCnnDependsOnNoValueAtOrAfterItsOwn(int colours, int k) {
        Block net = network(new PixelCnnFactory(), Map.of("channels", 6, "blocks", 2),
                colours, k, 0);
        assertThat(assertCausal(dependencies(net, colours, 3, 1)))
                .as("the outputs see earlier values at all").isPositive();
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"5"})
    void pixelCnnHasABlindSpotUpAndToTheRight(long seed) {
        Block net = network(new PixelCnnFactory(), Map.of("channels", 4, "blocks", 3,
                "first-kernel", 3), 1, 1, 0);
        boolean[][] seen = dependencies(net, 1, seed, 3);
        int i = 4 * SIZE + 2;
        // Four 3x3 masked layers reach four rows up, but a path gains a column to the right
        // only by going up a row: pixel (3, 5), one row up and three to the right, is never
        // seen, while (3, 1) and (3, 3) are.
        assertThat(seen[i][3 * SIZE + 1]).as("up and left").isTrue();
        assertThat(seen[i][3 * SIZE + 3]).as("up and right, within the kernel").isTrue();
        assertThat(seen[i][3 * SIZE + 5]).as("the blind spot").isFalse();
    }

    @ParameterizedTest(name = "gated-pixelcnn, {0} colour(s), {1} output(s) per value")
    @CsvSource({"1, 1", "3, 1", "3, 256"})
    void gatedPixelCnnDependsOnNoValueAtOrAfterItsOwn(int colours, int k) {
        Block net = network(new GatedPixelCnnFactory(), Map.of("channels", 6, "layers", 3,
                "first-kernel", 3), colours, k, 0);
        assertThat(assertCausal(dependencies(net, colours, 3, 1)))
                .as("the outputs see earlier values at all").isPositive();
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"5"})
    void gatedPixelCnnHasNoBlindSpot(long seed) {
        // Enough layers of 3x3 for the receptive field to cover the 7x7 image: every output
        // must then see every value before it.
        Block net = network(new GatedPixelCnnFactory(), Map.of("channels", 4, "layers", 7,
                "first-kernel", 3), 1, 1, 0);
        boolean[][] seen = dependencies(net, 1, seed, 3);
        assertCausal(seen);
        StringBuilder unseen = new StringBuilder();
        for (int i = 0; i < seen.length; i++) {
            for (int j = 0; j < i; j++) {
                if (!seen[i][j]) {
                    unseen.append(i).append("<-").append(j).append(' ');
                }
            }
        }
        assertThat(unseen.toString()).as("earlier inputs unseen").isEmpty();
    }

    @ParameterizedTest(name = "{0}, {1} colour(s), {2} output(s) per value")
    @CsvSource({"pixelrnn-row-lstm, 1, 1", "pixelrnn-row-lstm, 3, 1",
        "pixelrnn-diagonal-bilstm, 1, 1", "pixelrnn-diagonal-bilstm, 3, 1"})
    void pixelRnnsDependOnNoValueAtOrAfterTheirOwn(String name, int colours, int k) {
        AutoregressiveNetworkFactory f = name.equals(PixelRnnFactory.ROW_LSTM)
                ? PixelRnnFactory.rowLstm() : PixelRnnFactory.diagonalBiLstm();
        Block net = network(f, Map.of("channels", 6, "layers", 2, "first-kernel", 3), colours,
                k, 0);
        assertThat(assertCausal(dependencies(net, colours, 3, 1)))
                .as("the outputs see earlier values at all").isPositive();
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"5"})
    void theDiagonalBiLstmHasNoBlindSpot(long seed) {
        // One layer: the left-to-right diagonal LSTM reaches everything up and to the left, the
        // right-to-left one (shifted down a row, and reading the image) everything in the rows
        // above, the last pixel of the row above included.
        Block net = network(PixelRnnFactory.diagonalBiLstm(), Map.of("channels", 8, "layers",
                1, "first-kernel", 3), 1, 1, 0);
        boolean[][] seen = dependencies(net, 1, seed, 3);
        assertCausal(seen);
        StringBuilder unseen = new StringBuilder();
        int live = 0;
        for (int i = 0; i < seen.length; i++) {
            boolean any = false;
            for (int j = 0; j < i; j++) {
                any |= seen[i][j];
            }
            if (!any) {
                continue; // every path of this output is cut by a ReLU at these inputs
            }
            live++;
            for (int j = 0; j < i; j++) {
                if (!seen[i][j]) {
                    unseen.append(i).append("<-").append(j).append(' ');
                }
            }
        }
        assertThat(live).as("outputs with any dependency").isGreaterThan(seen.length * 3 / 4);
        assertThat(unseen.toString()).as("earlier inputs unseen").isEmpty();
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"5"})
    void theRowLstmSeesATriangleAbove(long seed) {
        Block net = network(PixelRnnFactory.rowLstm(), Map.of("channels", 8, "layers", 1,
                "first-kernel", 3), 1, 1, 0);
        boolean[][] seen = dependencies(net, 1, seed, 3);
        int i = 4 * SIZE + 1;
        // From (4, 1), each row up widens the reach to the right by one column: row 3 up to
        // column 2, row 1 up to column 4.
        assertThat(seen[i][3 * SIZE + 2]).as("(3, 2)").isTrue();
        assertThat(seen[i][3 * SIZE + 3]).as("(3, 3)").isFalse();
        assertThat(seen[i][SIZE + 4]).as("(1, 4)").isTrue();
        assertThat(seen[i][SIZE + 5]).as("(1, 5)").isFalse();
    }
}
