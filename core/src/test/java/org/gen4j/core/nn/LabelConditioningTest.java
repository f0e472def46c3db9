package org.gen4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.gen4j.testing.BaseManager;
import org.gen4j.testing.NDAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Label conditioning against a plain-Java reference (one-hot codes appended as values or as
 * constant planes), its input gradient against autograd, and the bound labels a penalty uses.
 */
class LabelConditioningTest {

    @BaseManager private NDManager manager;
    private ParameterStore ps;

    @BeforeEach
    void open() {
        ps = new ParameterStore(manager, false);
    }

    @Test
    void oneHotCodesAreAppendedToVectors() {
        LabelConditioning c = LabelConditioning.oneHot(3);
        c.initialize(manager, DataType.FLOAT32, new Shape(2, 2), new Shape(2));
        NDArray x = manager.create(new float[] {0.5f, -1f, 2f, 3f}, new Shape(2, 2));
        NDArray y = c.forward(ps, new NDList(x, manager.create(new int[] {2, 0})), false)
                .singletonOrThrow();
        assertThat(y.getShape()).isEqualTo(new Shape(2, 5));
        assertThat(y.toFloatArray()).containsExactly(0.5f, -1f, 0, 0, 1, 2f, 3f, 1, 0, 0);
        assertThat(c.getOutputShapes(new Shape[] {new Shape(2, 2), new Shape(2)}))
                .containsExactly(new Shape(2, 5));
    }

    @Test
    void oneHotCodesBecomeConstantPlanesOfImages() {
        LabelConditioning c = LabelConditioning.oneHot(4);
        Shape shape = new Shape(2, 1, 3, 2);
        float[] pixels = new float[12];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = i * 0.1f;
        }
        int[] labels = {1, 3};
        NDArray y = c.forward(ps, new NDList(manager.create(pixels, shape),
                manager.create(labels)), false).singletonOrThrow();
        assertThat(y.getShape()).isEqualTo(new Shape(2, 5, 3, 2));
        float[] out = y.toFloatArray();
        for (int n = 0; n < 2; n++) {
            for (int ch = 0; ch < 5; ch++) {
                for (int p = 0; p < 6; p++) {
                    float expected = ch == 0 ? pixels[n * 6 + p] : (ch - 1 == labels[n] ? 1 : 0);
                    assertThat(out[(n * 5 + ch) * 6 + p]).as("n %d channel %d pixel %d", n, ch, p)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void anEmbeddingIsALearnedCodeThatSavesAndLoads() throws Exception {
        LabelConditioning c = LabelConditioning.embedding(5, 3, 7L);
        c.initialize(manager, DataType.FLOAT32, new Shape(1, 2), new Shape(1));
        assertThat(c.codeSize()).isEqualTo(3);
        NDArray x = manager.zeros(new Shape(2, 2));
        NDArray labels = manager.create(new int[] {4, 1});
        float[] y = c.forward(ps, new NDList(x, labels), false).singletonOrThrow().toFloatArray();
        float[] table = c.getParameters().get("embedding").getArray().toFloatArray();
        assertThat(java.util.Arrays.copyOfRange(y, 2, 5))
                .containsExactly(java.util.Arrays.copyOfRange(table, 12, 15));
        assertThat(java.util.Arrays.copyOfRange(y, 7, 10))
                .containsExactly(java.util.Arrays.copyOfRange(table, 3, 6));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        c.saveParameters(new DataOutputStream(bytes));
        LabelConditioning d = LabelConditioning.embedding(5, 3, 99L);
        d.initialize(manager, DataType.FLOAT32, new Shape(1, 2), new Shape(1));
        d.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(
                bytes.toByteArray())));
        assertThat(d.getParameters().get("embedding").getArray().toFloatArray())
                .containsExactly(table);
    }

    @Test
    void theInputGradientOfAConditionedCriticMatchesAutogradWithBoundLabels() {
        // A critic on (x, label): conditioning, then a linear layer. Its input gradient through
        // the vector-Jacobian products, with the labels bound, against the engine's backward.
        LabelConditioning c = LabelConditioning.oneHot(3);
        SequentialBlock critic = new SequentialBlock().add(c).add(Layers.flatten())
                .add(Linear.builder().setUnits(1).build());
        Shape shape = new Shape(2, 1, 2, 2);
        critic.initialize(manager, DataType.FLOAT64, shape, new Shape(2));
        NDArray x = manager.randomNormal(shape).toType(DataType.FLOAT64, false);
        NDArray labels = manager.create(new int[] {0, 2});
        c.bind(labels);
        NDArray y = c.forward(ps, new NDList(x), false).singletonOrThrow();
        NDArray g = manager.randomNormal(y.getShape()).toType(DataType.FLOAT64, false);
        NDArray vjp = c.inputVjp(ps, x, y, g);
        NDArray leaf = x.duplicate();
        leaf.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(c.forward(ps, new NDList(leaf), true).singletonOrThrow().mul(g).sum());
        }
        NDAssert.assertAllClose(vjp, leaf.getGradient(), 1e-12, 1e-12);
        c.unbind();
        assertThatThrownBy(() -> c.forward(ps, new NDList(x), false))
                .hasMessageContaining("needs (x, labels), or labels bound");
    }

    @Test
    void badInputsAreRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> LabelConditioning.oneHot(1))
                .hasMessage("conditioning needs at least 2 classes, got 1");
        LabelConditioning c = LabelConditioning.oneHot(3);
        c.initialize(manager, DataType.FLOAT32, new Shape(2, 2), new Shape(2));
        assertThatThrownBy(() -> c.forward(ps, new NDList(manager.zeros(new Shape(2, 2)),
                manager.create(new int[] {0, 1, 2})), false))
                .hasMessageContaining("got 2 samples but labels of shape (3)");
    }
}
