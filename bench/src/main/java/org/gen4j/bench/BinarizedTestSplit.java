package org.gen4j.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.gen4j.core.data.BinarizedSampleSet;
import org.gen4j.core.data.DataSources;
import org.gen4j.core.data.FashionMnist;
import org.gen4j.core.data.IdxDataset;
import org.gen4j.core.data.IdxWriter;
import org.gen4j.core.data.SampleSet;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.util.Options;

/**
 * The Fashion-MNIST test split binarised the fixed way, as gen4j scores a binarised run, written
 * as an IDX3 file of bytes 0 and 255 so that a reference script scores the very same images.
 */
final class BinarizedTestSplit {

    private BinarizedTestSplit() {}

    /** Writes the test split of the full set in {@code data}, binarised with {@code seed}. */
    static void write(Path data, long seed, Path file) throws IOException {
        SampleSet test = DataSources.open(FashionMnist.FULL_NAME, new Options("data",
                Map.of("path", data.toString(), "split", IdxDataset.TEST,
                        BinarizedSampleSet.OPTION, BinarizedSampleSet.FIXED,
                        BinarizedSampleSet.SEED_OPTION, seed)), 0, Gen4j.registry()::dataset);
        int per = Math.toIntExact(test.sampleShape().size());
        float[] x = new float[test.size() * per];
        for (int i = 0; i < test.size(); i++) {
            test.copySample(i, x, i * per);
        }
        IdxWriter.writeImages(file, x, test.size(), 28, 28);
    }
}
