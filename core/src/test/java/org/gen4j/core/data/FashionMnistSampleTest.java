package org.gen4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.gen4j.core.util.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistSampleTest {

    private static final Path DEBIAN = Path.of(FashionMnist.DEFAULT_PATH);

    @TempDir
    Path dir;

    static byte[] resource(String name) throws IOException {
        try (InputStream in = FashionMnist.class.getResourceAsStream(
                FashionMnist.SAMPLE_RESOURCE + name)) {
            assertThat(in).as("resource " + name).isNotNull();
            return in.readAllBytes();
        }
    }

    static Map<String, String> recordedSums() throws IOException {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String line : new String(resource("SHA256SUMS"), StandardCharsets.UTF_8).split("\n")) {
            String[] parts = line.split("  ");
            sums.put(parts[1], parts[0]);
        }
        return sums;
    }

    @Test
    void trainSplitHas4000ImagesOf28x28In10Classes() {
        IdxDataset train = FashionMnist.sample("train");
        assertThat(train.size()).isEqualTo(4000);
        assertThat(train.sampleShape()).isEqualTo(new Shape(1, 28, 28));
        assertThat(train.hasLabels()).isTrue();
        assertThat(train.numClasses()).isEqualTo(10);
        Set<Integer> classes = new TreeSet<>();
        for (int i = 0; i < train.size(); i++) {
            classes.add(train.label(i));
        }
        assertThat(classes).hasSize(10);
        float[] x = new float[784];
        train.copySample(0, x, 0);
        for (float v : x) {
            assertThat(v).isBetween(-1f, 1f);
        }
    }

    @Test
    void testSplitHas1000Images() {
        IdxDataset test = FashionMnist.sample("test");
        assertThat(test.size()).isEqualTo(1000);
        assertThat(test.sampleShape()).isEqualTo(new Shape(1, 28, 28));
        assertThat(test.numClasses()).isEqualTo(10);
    }

    @Test
    void resourcesMatchTheRecordedSha256() throws IOException {
        Map<String, String> sums = recordedSums();
        assertThat(sums.keySet()).containsExactlyElementsOf(FashionMnistSampleGenerator.FILES);
        long total = 0;
        for (Map.Entry<String, String> e : sums.entrySet()) {
            byte[] bytes = resource(e.getKey());
            total += bytes.length;
            assertThat(FashionMnistSampleGenerator.sha256(bytes)).as(e.getKey())
                    .isEqualTo(e.getValue());
        }
        assertThat(total).isLessThan(2_300_000);
        assertThat(new String(resource("LICENSE"), StandardCharsets.UTF_8))
                .contains("MIT License").contains("Zalando SE");
    }

    @Test
    void generatorRecreatesTheSampleByteForByte() throws IOException {
        assumeTrue(Files.isDirectory(DEBIAN), "Debian's dataset-fashion-mnist is not installed");
        FashionMnistSampleGenerator.generate(DEBIAN, dir);
        for (String name : FashionMnistSampleGenerator.FILES) {
            assertThat(Files.readAllBytes(dir.resolve(name))).as(name).isEqualTo(resource(name));
        }
        assertThat(Files.readAllBytes(dir.resolve("SHA256SUMS"))).isEqualTo(resource("SHA256SUMS"));
    }

    @Test
    void sampleIsThePrefixOfTheFullSet() {
        assumeTrue(Files.isDirectory(DEBIAN), "Debian's dataset-fashion-mnist is not installed");
        SampleSet full = FashionMnist.fullFactory().load(
                new Options("data 'fashion-mnist'", Map.of("split", "test")), 1);
        assertThat(full.size()).isEqualTo(10_000);
        IdxDataset sample = FashionMnist.sample("test");
        for (int i : new int[] {0, 1, 500, 999}) {
            assertThat(((IdxDataset) full).pixels(i)).isEqualTo(sample.pixels(i));
            assertThat(full.label(i)).isEqualTo(sample.label(i));
        }
    }

    @Test
    void factoriesReadTheirOptions() {
        DatasetFactory f = FashionMnist.sampleFactory();
        assertThat(f.name()).isEqualTo("fashion-mnist-sample");
        assertThat(f.description()).contains("4,000").contains("MIT");
        assertThat(f.load(new Options("data", Map.of("split", "test")), 0).size()).isEqualTo(1000);
        assertThatThrownBy(() -> f.load(new Options("data", Map.of("split", "dev")), 0))
                .hasMessageContaining("'split' must be one of [test, train], got 'dev'");
        assertThatThrownBy(() -> f.load(new Options("data", Map.of("spilt", "test")), 0))
                .hasMessageContaining("unknown option [spilt]");
    }

    @Test
    void fullSetMissingFolderSaysHowToGetIt() {
        Path missing = dir.resolve("nowhere");
        assertThatThrownBy(() -> FashionMnist.fullFactory().load(
                new Options("data", Map.of("path", missing.toString())), 0))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("apt-get install dataset-fashion-mnist")
                .hasMessageContaining("option 'path'");
    }
}
