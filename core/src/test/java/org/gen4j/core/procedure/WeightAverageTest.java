package org.gen4j.core.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.gen4j.core.random.RandomStream;
import org.gen4j.testing.BaseManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The weight average against its closed form over a known weight sequence, the swap used for
 * sampling, and an exact save and restore.
 */
class WeightAverageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BaseManager private NDManager manager;
    private Linear block;

    @BeforeEach
    void open() {
        block = Linear.builder().setUnits(2).build();
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
    }

    /** Weight values of sequence element k: a seeded draw. */
    private static float[] draw(long k, int size) {
        RandomStream r = new RandomStream(100 + k);
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    private void setWeights(long k) {
        int p = 0;
        for (Pair<String, Parameter> param : block.getParameters()) {
            NDArray w = param.getValue().getArray();
            manager.create(draw(k * 31 + p++, (int) w.size()), w.getShape()).copyTo(w);
        }
    }

    private float[] weight(int p) {
        return block.getParameters().valueAt(p).getArray().toFloatArray();
    }

    @Test
    void itEqualsTheClosedFormAverageOfAKnownSequence() {
        double d = 0.9;
        long start = 3;
        int n = 12;
        WeightAverage avg = new WeightAverage("generator", block,
                new WeightAverage.Settings(d, start));
        for (long k = 1; k <= n; k++) {
            setWeights(k);
            avg.update();
        }
        NDList averages = avg.averages(manager);
        List<Pair<String, Parameter>> params = block.getParameters().stream().toList();
        assertThat(averages).hasSize(params.size());
        for (int p = 0; p < params.size(); p++) {
            int size = (int) params.get(p).getValue().getArray().size();
            float[] got = averages.get(p).toFloatArray();
            for (int i = 0; i < size; i++) {
                // d^(n-s) w_s + (1 - d) sum_{k=s+1}^{n} d^(n-k) w_k, in double.
                double expected = Math.pow(d, n - start) * draw(start * 31 + p, size)[i];
                for (long k = start + 1; k <= n; k++) {
                    expected += (1 - d) * Math.pow(d, n - k) * draw(k * 31 + p, size)[i];
                }
                assertThat((double) got[i]).as("parameter %d [%d]", p, i)
                        .isCloseTo(expected, Offset.offset(1e-5));
            }
        }
        assertThat(avg.updates()).isEqualTo(n);
    }

    @Test
    void upToTheStartItCopiesTheWeights() {
        WeightAverage avg = new WeightAverage("generator", block,
                new WeightAverage.Settings(0.5, 2));
        setWeights(1);
        avg.update();
        setWeights(2);
        avg.update();
        assertThat(avg.averages(manager).get(0).toFloatArray()).containsExactly(weight(0));
        setWeights(3);
        avg.update();
        assertThat(avg.averages(manager).get(0).toFloatArray()).isNotEqualTo(weight(0));
    }

    @Test
    void applyRunsOnTheAverageAndPutsTheTrainedWeightsBack() {
        WeightAverage avg = new WeightAverage("generator", block,
                new WeightAverage.Settings(0.5, 0));
        NDArray x = manager.create(new float[] {1, 2, 3}, new Shape(1, 3));
        ParameterStore ps = new ParameterStore(manager, false);
        float[] direct = block.forward(ps, new NDList(x), false).singletonOrThrow()
                .toFloatArray();
        assertThat(avg.apply(() -> block.forward(ps, new NDList(x), false).singletonOrThrow()
                .toFloatArray())).as("before the first update").containsExactly(direct);
        setWeights(1);
        avg.update();
        setWeights(2);
        avg.update();
        float[] trained = weight(0);
        float[] seen = avg.apply(() -> weight(0));
        assertThat(seen).containsExactly(avg.averages(manager).get(0).toFloatArray());
        assertThat(seen).isNotEqualTo(trained);
        assertThat(weight(0)).containsExactly(trained);
        assertThatThrownBy(() -> avg.apply(() -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(weight(0)).containsExactly(trained);
    }

    @Test
    void batchNormStatisticsAreAveragedLikeTheWeights() {
        ai.djl.nn.SequentialBlock net = new ai.djl.nn.SequentialBlock()
                .add(Linear.builder().setUnits(2).build())
                .add(ai.djl.nn.norm.BatchNorm.builder().build());
        net.initialize(manager, DataType.FLOAT32, new Shape(4, 3));
        WeightAverage avg = new WeightAverage("generator", net,
                new WeightAverage.Settings(0.5, 0));
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray x = manager.create(new float[] {1, 2, 3, -1, 0, 2, 4, 1, -2, 0, 0, 1},
                new Shape(4, 3));
        avg.update();
        float[] initialMean = net.getParameters().stream()
                .filter(p -> p.getValue().getType() == Parameter.Type.RUNNING_MEAN).findFirst()
                .orElseThrow().getValue().getArray().toFloatArray();
        try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance()
                .newGradientCollector()) {
            gc.backward(net.forward(ps, new NDList(x), true).singletonOrThrow().sum());
        }
        avg.update();
        for (Pair<String, Parameter> p : net.getParameters()) {
            Parameter.Type type = p.getValue().getType();
            float[] live = p.getValue().getArray().toFloatArray();
            float[] seen = avg.apply(() -> p.getValue().getArray().toFloatArray());
            if (type == Parameter.Type.RUNNING_MEAN) {
                assertThat(live).as("the forward pass moved the statistics")
                        .isNotEqualTo(initialMean);
                for (int i = 0; i < live.length; i++) {
                    assertThat(seen[i]).as("%s[%d]: 0.5 first + 0.5 last", p.getKey(), i)
                            .isCloseTo(0.5f * initialMean[i] + 0.5f * live[i],
                                    org.assertj.core.data.Offset.offset(1e-6f));
                }
            }
        }
        assertThat(avg.averages(manager)).as("weights, bias, gamma, beta, mean, variance")
                .hasSize(6);
    }

    @Test
    void aRestoredAverageContinuesBitForBit() {
        Map<String, Object> values = new HashMap<>();
        Map<String, byte[]> arrays = new HashMap<>();
        WeightAverage straight = new WeightAverage("generator", block,
                new WeightAverage.Settings(0.99, 1));
        for (long k = 1; k <= 4; k++) {
            setWeights(k);
            straight.update();
        }
        straight.save(new ProcedureState.Writer() {
            @Override
            public void put(String key, Object value) {
                values.put(key, value);
            }

            @Override
            public void putArrays(String name, NDList a) {
                arrays.put(name, a.encode());
            }
        });
        assertThat(values).containsEntry("ema-generator", 4L);
        WeightAverage resumed = new WeightAverage("generator", block,
                new WeightAverage.Settings(0.99, 1));
        resumed.restore(new ProcedureState.Reader() {
            @Override
            public JsonNode get(String key) {
                return JSON.valueToTree(values.get(key));
            }

            @Override
            public NDList getArrays(String name, NDManager into) {
                return NDList.decode(into, arrays.get(name));
            }
        });
        for (long k = 5; k <= 7; k++) {
            setWeights(k);
            straight.update();
            resumed.update();
        }
        assertThat(resumed.updates()).isEqualTo(7);
        for (int i = 0; i < 2; i++) {
            assertThat(resumed.averages(manager).get(i).toFloatArray())
                    .containsExactly(straight.averages(manager).get(i).toFloatArray());
        }
    }

    @Test
    void theSpecKeyNamesWhatIsWrong() {
        assertThat(WeightAverage.KEY.bind(JSON.createObjectNode().put("decay", 0.99)))
                .isEqualTo(new WeightAverage.Settings(0.99, 0));
        assertThat(WeightAverage.KEY.bind(null)).isNull();
        assertThatThrownBy(() -> WeightAverage.KEY.bind(JSON.createObjectNode().put("decay", 1)))
                .hasMessageContaining("ema.decay must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> WeightAverage.KEY.bind(JSON.createObjectNode().put("rate", 1)))
                .hasMessageContaining("unknown keys [rate]")
                .hasMessageContaining("decay and start");
        assertThatThrownBy(() -> WeightAverage.KEY.bind(new TextNode("0.99")))
                .hasMessageContaining("ema must be a mapping {decay, start}");
        assertThatThrownBy(() -> WeightAverage.KEY.bind(JSON.createObjectNode().put("start", -1)))
                .hasMessageContaining("ema.start must be >= 0");
    }
}
