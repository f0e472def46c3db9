package org.gen4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.ConstantInitializer;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

/** HostArrays against the values it was given, on the test's engine. */
class HostArraysTest {

    @Test
    void createsArraysWithTheGivenValuesAndShapes() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] f = {1.5f, -2f, 3e-7f, Float.MAX_VALUE, -0f, 7f};
            NDArray a = HostArrays.create(m, f, new Shape(2, 3));
            assertThat(a.getShape()).isEqualTo(new Shape(2, 3));
            assertThat(a.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(a.toFloatArray()).containsExactly(f);
            assertThat(HostArrays.create(m, f).getShape()).isEqualTo(new Shape(6));

            NDArray s = HostArrays.scalar(m, 0.125f);
            assertThat(s.getShape()).isEqualTo(new Shape());
            assertThat(s.getFloat()).isEqualTo(0.125f);

            int[] i = {3, -1, Integer.MAX_VALUE, 0};
            NDArray b = HostArrays.create(m, i);
            assertThat(b.getDataType()).isEqualTo(DataType.INT32);
            assertThat(b.toIntArray()).containsExactly(i);
            assertThat(HostArrays.create(m, i, new Shape(2, 2)).getShape())
                    .isEqualTo(new Shape(2, 2));

            double[] d = {0.1, -1e300};
            NDArray c = HostArrays.create(m, d, new Shape(2, 1));
            assertThat(c.getDataType()).isEqualTo(DataType.FLOAT64);
            assertThat(c.toDoubleArray()).containsExactly(d);
        }
    }

    @Test
    void reusesItsBufferAcrossSizes() {
        try (NDManager m = NDManager.newBaseManager()) {
            // a large copy, then a small one: the small one must not see the large one's tail
            float[] big = new float[10_000];
            java.util.Arrays.fill(big, 9f);
            assertThat(HostArrays.create(m, big).sum().getFloat()).isEqualTo(90_000f);
            assertThat(HostArrays.create(m, new float[] {1f, 2f}).toFloatArray())
                    .containsExactly(1f, 2f);
            assertThat(HostArrays.create(m, new int[] {4}).toIntArray()).containsExactly(4);
        }
    }

    @Test
    void decodesWhatWasEncoded() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.arange(12f).reshape(3, 4);
            a.setName("w");
            NDArray back = HostArrays.decode(m, a.encode());
            assertThat(back.getName()).isEqualTo("w");
            assertThat(back.getShape()).isEqualTo(a.getShape());
            assertThat(back.toFloatArray()).containsExactly(a.toFloatArray());

            NDList list = new NDList(a, m.arange(5).toType(DataType.INT32, false));
            NDList decoded = HostArrays.decodeList(m, list.encode());
            assertThat(HostArrays.sameValues(list, decoded)).isTrue();
        }
    }

    @Test
    void sameValuesSeesOneDifferentValueTypeOrShape() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList a = new NDList(m.create(new float[] {1f, 2f, 3f}));
            assertThat(HostArrays.sameValues(a, new NDList(m.create(new float[] {1f, 2f, 3f}))))
                    .isTrue();
            assertThat(HostArrays.sameValues(a, new NDList(m.create(new float[] {1f, 2f, 4f}))))
                    .isFalse();
            assertThat(HostArrays.sameValues(a, new NDList(m.create(new int[] {1, 2, 3}))))
                    .isFalse();
            assertThat(HostArrays.sameValues(a,
                    new NDList(m.create(new float[] {1f, 2f, 3f}, new Shape(3, 1))))).isFalse();
            assertThat(HostArrays.sameValues(a, new NDList())).isFalse();
        }
    }

    @Test
    void loadsSavedParametersAndClosesTheReplacedArraysAndItsCheckingCopies() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Block saved = Linear.builder().setUnits(3).build();
            saved.setInitializer(new ConstantInitializer(0.25f), p -> true);
            saved.initialize(m, DataType.FLOAT32, new Shape(1, 4));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            saved.saveParameters(new DataOutputStream(bytes));

            Block loaded = Linear.builder().setUnits(3).build();
            loaded.setInitializer(new ConstantInitializer(-1f), p -> true);
            loaded.initialize(m, DataType.FLOAT32, new Shape(1, 4));
            NDArray initialWeight = loaded.getParameters().valueAt(0).getArray();
            int before = m.getManagedArrays().size();
            HostArrays.loadParameters(loaded, m, bytes.toByteArray());
            HostArrays.loadParameters(loaded, m, bytes.toByteArray());
            // DJL's load leaves the arrays it replaces (weight and bias) open in the manager;
            // HostArrays closes them, and the copies decoded only to check the load
            assertThat(m.getManagedArrays()).hasSize(before);
            assertThat(initialWeight.isReleased()).isTrue();
            assertThat(loaded.getParameters().valueAt(0).getArray().isReleased()).isFalse();
            assertThat(loaded.getParameters().valueAt(0).getArray().toFloatArray())
                    .containsOnly(0.25f).hasSize(12);
            assertThat(loaded.getParameters().valueAt(1).getArray().toFloatArray())
                    .containsOnly(0.25f).hasSize(3);
        }
    }
}
