package org.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gen4j.core.data.FashionMnist;
import org.gen4j.core.data.IdxDataset;
import org.gen4j.core.data.IdxFiles;
import org.gen4j.core.data.IdxWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gen4j train-classifier} on a tiny IDX folder cut from the embedded sample. */
class TrainClassifierCommandTest {

    private static void writeSplit(Path dir, String prefix, String split, int n)
            throws IOException {
        IdxDataset data = FashionMnist.sample(split);
        byte[] pixels = new byte[n * 784];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(data.pixels(i), 0, pixels, i * 784, 784);
            labels[i] = (byte) data.label(i);
        }
        IdxWriter.writeImages(dir.resolve(prefix + "-images-idx3-ubyte.gz"),
                new IdxFiles.Images(n, 28, 28, pixels));
        IdxWriter.writeLabels(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), labels);
    }

    @Test
    void writesWeightsAndProvenance(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("tiny");
        writeSplit(data, "train", IdxDataset.TRAIN, 96);
        writeSplit(data, "t10k", IdxDataset.TEST, 50);
        Path out = dir.resolve("out");
        Cli.Result r = Cli.run("train-classifier", "--data", data.toString(), "--out",
                out.toString(), "--epochs", "1", "--batch-size", "32", "--seed", "3",
                "--id", "tiny-net");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("epoch 1/1 done:").contains("test accuracy")
                .contains("provenance: ");
        assertThat(out.resolve("tiny-net.params")).isRegularFile();
        JsonNode p = new ObjectMapper().readTree(out.resolve("tiny-net.json").toFile());
        assertThat(p.get("id").asText()).isEqualTo("tiny-net");
        assertThat(p.get("training").get("seed").asLong()).isEqualTo(3);
        assertThat(p.get("data").get("name").asText()).isEqualTo("tiny");
        assertThat(p.get("command").asText()).isEqualTo("gen4j train-classifier --data "
                + data + " --out " + out + " --epochs 1 --batch-size 32 --seed 3 --id tiny-net");
        assertThat(p.get("weights-bytes").asLong())
                .isEqualTo(Files.size(out.resolve("tiny-net.params")));
        try (var list = Files.list(out)) {
            assertThat(list.map(f -> f.getFileName().toString()))
                    .as("no temporary files are left").containsExactlyInAnyOrder(
                            "tiny-net.params", "tiny-net.json");
        }
    }

    @Test
    void aMissingDataFolderIsNamed(@TempDir Path dir) {
        Cli.Result r = Cli.run("train-classifier", "--data", dir.resolve("nope").toString(),
                "--out", dir.resolve("out").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(TrainCommandTest.errorLine(r)).contains("nope")
                .contains("train-images-idx3-ubyte");
    }

    @Test
    void badSettingsAreUsageErrorsBeforeAnyWork(@TempDir Path dir) {
        Cli.Result r = Cli.run("train-classifier", "--out", dir.toString(), "--epochs", "0");
        assertThat(r.code()).isEqualTo(1);
        assertThat(TrainCommandTest.errorLine(r)).contains("epochs must be >= 1, got 0");
    }

    @Test
    void helpNamesTheOptions() {
        Cli.Result r = Cli.run("train-classifier", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: gen4j train-classifier").contains("--data",
                "--out", "--epochs", "--seed", "--id", "--engine");
    }
}
