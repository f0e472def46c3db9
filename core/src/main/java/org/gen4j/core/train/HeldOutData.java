package org.gen4j.core.train;

import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.gen4j.core.data.DataSources;
import org.gen4j.core.data.IdxDataset;
import org.gen4j.core.data.SampleSet;
import org.gen4j.core.procedure.BatchField;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.util.Options;

/**
 * The data a trained model is scored on: the test split of the data it was trained on, opened
 * with the run's data options (so a binarised run is scored on the fixed binarisation of the
 * test split), or its first samples.
 */
public final class HeldOutData {

    private HeldOutData() {}

    /** The test split of {@code spec}'s data, with its data options. */
    public static SampleSet testSplit(RunSpec spec, Registry registry) {
        Objects.requireNonNull(spec, "spec is null");
        Map<String, Object> options = new HashMap<>(spec.dataOptions());
        options.put("split", IdxDataset.TEST);
        return DataSources.open(spec.data(), new Options("the test split of '" + spec.data()
                + "'", options), spec.seed(), registry::dataset);
    }

    /** The first {@code n} samples of {@code set} (all of them when it has no more). */
    public static SampleSet first(SampleSet set, int n) {
        Objects.requireNonNull(set, "set is null");
        if (n < 1) {
            throw new IllegalArgumentException("the number of held-out samples must be at least"
                    + " 1, got " + n);
        }
        return set.size() <= n ? set : new FirstSamples(set, n);
    }

    /** The first samples of a set. */
    private record FirstSamples(SampleSet base, int size) implements SampleSet {
        @Override
        public Shape sampleShape() {
            return base.sampleShape();
        }

        @Override
        public void copySample(int index, float[] dst, int offset) {
            Objects.checkIndex(index, size);
            base.copySample(index, dst, offset);
        }

        @Override
        public Map<BatchField, Shape> fieldShapes() {
            return base.fieldShapes();
        }

        @Override
        public void copyField(BatchField field, int index, int epoch, float[] dst, int offset) {
            base.copyField(field, index, epoch, dst, offset);
        }

        @Override
        public boolean hasLabels() {
            return base.hasLabels();
        }

        @Override
        public int label(int index) {
            Objects.checkIndex(index, size);
            return base.label(index);
        }

        @Override
        public int numClasses() {
            return base.numClasses();
        }

        @Override
        public String description() {
            return base.description() + " (first " + size + ")";
        }
    }
}
