package org.gen4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.gen4j.core.util.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSourcesTest {

    @TempDir
    Path dir;

    static final Map<String, DatasetFactory> FACTORIES = Datasets.builtIn().stream()
            .collect(Collectors.toMap(DatasetFactory::name, f -> f));

    static final Function<String, DatasetFactory> LOOKUP = name -> {
        DatasetFactory f = FACTORIES.get(name);
        if (f == null) {
            throw new IllegalArgumentException("Unknown dataset '" + name + "'. Known datasets: "
                    + FACTORIES.keySet());
        }
        return f;
    };

    static Options opts(Map<String, ?> values) {
        return new Options("data", values);
    }

    @Test
    void idxFolderIsReadAsIdx() throws IOException {
        IdxWriter.writeImages(dir.resolve("train-images-idx3-ubyte.gz"),
                IdxFilesTest.images(4, 2, 2));
        IdxWriter.writeImages(dir.resolve("t10k-images-idx3-ubyte.gz"),
                IdxFilesTest.images(2, 2, 2));
        assertThat(DataSources.open(dir.toString(), opts(Map.of()), 0, LOOKUP))
                .isInstanceOf(IdxDataset.class).extracting(SampleSet::size).isEqualTo(4);
        assertThat(DataSources.open(dir.toString(), opts(Map.of("split", "test")), 0, LOOKUP)
                .size()).isEqualTo(2);
        assertThatThrownBy(() -> DataSources.open(dir.toString(), opts(Map.of("size", 3)), 0,
                LOOKUP)).hasMessageContaining("unknown option [size]");
        // A single IDX file works too.
        assertThat(DataSources.open(dir.resolve("t10k-images-idx3-ubyte.gz").toString(),
                opts(Map.of()), 0, LOOKUP).size()).isEqualTo(2);
    }

    @Test
    void imageFolderIsReadAsImages() throws IOException {
        ImageFolderDatasetTest.grey(dir.resolve("a/1.png"), 3, 3, 0);
        ImageFolderDatasetTest.grey(dir.resolve("b/1.png"), 3, 3, 0);
        SampleSet set = DataSources.open(dir.toString(), opts(Map.of("channels", "3")), 0, LOOKUP);
        assertThat(set).isInstanceOf(ImageFolderDataset.class);
        assertThat(set.numClasses()).isEqualTo(2);
        assertThat(set.sampleShape().get(0)).isEqualTo(3);
        assertThatThrownBy(() -> DataSources.open(dir.toString(), opts(Map.of("split", "test")),
                0, LOOKUP)).hasMessageContaining("unknown option [split]");
    }

    @Test
    void namesGoToTheFactories() {
        SampleSet ring = DataSources.open("gaussian-ring-8", opts(Map.of("size", 100)), 3, LOOKUP);
        assertThat(ring).isInstanceOf(GaussianMixture.class);
        assertThat(ring.size()).isEqualTo(100);
        assertThat(DataSources.open("fashion-mnist-sample", opts(Map.of()), 0, LOOKUP).size())
                .isEqualTo(4000);
        assertThatThrownBy(() -> DataSources.open("gaussian-ring", opts(Map.of()), 0, LOOKUP))
                .hasMessageContaining("Known datasets");
    }

    @Test
    void missingPathsAndFoldersWithoutDataAreErrors() throws IOException {
        assertThatThrownBy(() -> DataSources.open("./no/such", opts(Map.of()), 0, LOOKUP))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("data folder './no/such' does not exist");
        assertThatThrownBy(() -> DataSources.open(".hidden", opts(Map.of()), 0, LOOKUP))
                .hasMessageContaining("data folder '.hidden' does not exist");
        Files.writeString(dir.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> DataSources.open(dir.toString(), opts(Map.of()), 0, LOOKUP))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("holds neither IDX files")
                .hasMessageContaining("notes.txt");
    }
}
