package org.gen4j.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {

    @TempDir
    Path dir;

    @Test
    void appendsAndReadsBack() throws IOException {
        MetricsLog log = MetricsLog.open(dir, List.of("loss_d", "loss_g"));
        assertThat(log.lastStep()).isEqualTo(-1);
        log.append(10, 0, 0.6931471805599453, 0.5f);
        log.append(20, 0, Double.NaN, Double.POSITIVE_INFINITY);
        Map<String, Double> named = new LinkedHashMap<>();
        named.put("loss_g", 2.0);
        named.put("loss_d", -1e-12);
        log.append(30, 1, named);

        assertThat(Files.readAllLines(dir.resolve("metrics.csv"))).containsExactly(
                "step,epoch,loss_d,loss_g",
                "10,0,0.6931471805599453,0.5",
                "20,0,NaN,Infinity",
                "30,1,-1.0E-12,2.0");
        MetricsTable t = log.read();
        assertThat(t.names()).containsExactly("loss_d", "loss_g");
        assertThat(t.steps()).containsExactly(10, 20, 30);
        assertThat(t.epochs()).containsExactly(0, 0, 1);
        assertThat(t.column("loss_d")).containsExactly(0.6931471805599453, Double.NaN, -1e-12);
        assertThat(t.column("loss_g")).containsExactly(0.5, Double.POSITIVE_INFINITY, 2.0);
        assertThat(t.stepsAsDoubles()).containsExactly(10.0, 20.0, 30.0);
        assertThat(t).isEqualTo(MetricsLog.read(dir.resolve(MetricsLog.FILE_NAME)));
    }

    @Test
    void floatValuesAreWrittenShortAndReadBackAsTheSameFloat() throws IOException {
        MetricsLog log = MetricsLog.open(dir, List.of("loss"));
        float loss = 0.1f;
        log.append(1, 0, loss);
        assertThat(Files.readAllLines(log.file()).get(1)).isEqualTo("1,0,0.1");
        assertThat((float) log.read().column("loss")[0]).isEqualTo(loss);
    }

    @Test
    void resumeTruncatesRowsAfterTheCheckpointStep() throws IOException {
        MetricsLog log = MetricsLog.open(dir, List.of("loss"));
        for (int s = 100; s <= 500; s += 100) {
            log.append(s, s / 250, s / 1000.0);
        }
        // The run stopped after step 500, the checkpoint was at 300: reopen and truncate.
        MetricsLog resumed = MetricsLog.open(dir, List.of("loss"));
        assertThat(resumed.lastStep()).isEqualTo(500);
        assertThatThrownBy(() -> resumed.append(400, 1, 0.4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("step 400 must be after the last logged step 500")
                .hasMessageContaining("call truncateAfter(checkpointStep) first");
        assertThat(resumed.truncateAfter(300)).isEqualTo(2);
        assertThat(resumed.lastStep()).isEqualTo(300);
        resumed.append(400, 1, 0.4);
        assertThat(resumed.read().steps()).containsExactly(100, 200, 300, 400);
        assertThat(resumed.truncateAfter(1000)).isZero();
        assertThat(resumed.truncateAfter(-1)).isEqualTo(4);
        assertThat(resumed.read().isEmpty()).isTrue();
        assertThat(Files.readAllLines(resumed.file())).containsExactly("step,epoch,loss");
    }

    @Test
    void partialLastLineIsIgnoredAndRepaired() throws IOException {
        MetricsLog log = MetricsLog.open(dir, List.of("a", "b"));
        log.append(1, 0, 1, 2);
        Files.writeString(log.file(), "2,0,3", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertThat(log.read().steps()).containsExactly(1);
        MetricsLog reopened = MetricsLog.open(dir, List.of("a", "b"));
        assertThat(reopened.lastStep()).isEqualTo(1);
        assertThat(Files.readString(log.file())).isEqualTo("step,epoch,a,b\n1,0,1.0,2.0\n");
        reopened.append(2, 0, 3, 4);
        assertThat(reopened.read().column("b")).containsExactly(2.0, 4.0);
    }

    @Test
    void badInputsAreRejectedWithClearMessages() throws IOException {
        assertThatThrownBy(() -> MetricsLog.open(dir, List.of()))
                .hasMessageContaining("at least one column");
        assertThatThrownBy(() -> MetricsLog.open(dir, List.of("loss,d")))
                .hasMessageContaining("metrics name 'loss,d' is invalid");
        assertThatThrownBy(() -> MetricsLog.open(dir, List.of("step")))
                .hasMessageContaining("metrics name 'step' is reserved");
        assertThatThrownBy(() -> MetricsLog.open(dir, List.of("a", "a")))
                .hasMessageContaining("metrics name 'a' appears twice in [a, a]");

        MetricsLog log = MetricsLog.open(dir, List.of("loss_d", "loss_g"));
        assertThatThrownBy(() -> log.append(1, 0, 1.0))
                .hasMessageContaining("expected 2 values [loss_d, loss_g] at step 1, got 1");
        assertThatThrownBy(() -> log.append(1, 0, Map.of("loss_d", 1.0)))
                .hasMessageContaining("missing value for metrics column 'loss_g' at step 1");
        assertThatThrownBy(() -> log.append(1, 0, Map.of("loss_d", 1, "loss_g", 2, "x", 3)))
                .hasMessageContaining("Unknown metrics column 'x' at step 1."
                        + " Known columns: [loss_d, loss_g]");
        assertThatThrownBy(() -> log.append(-1, 0, 1, 2))
                .hasMessageContaining("step and epoch must be >= 0, got step -1, epoch 0");
        assertThatThrownBy(() -> MetricsLog.open(dir, List.of("loss")))
                .hasMessageContaining("has the columns 'step,epoch,loss_d,loss_g' but this run"
                        + " logs 'step,epoch,loss'");
        assertThatThrownBy(() -> log.read().column("loss"))
                .hasMessageContaining("Unknown metrics column 'loss'. Known columns:"
                        + " [loss_d, loss_g]");

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "step,epoch,x\n1,0,1\n2,0,oops\n");
        assertThatThrownBy(() -> MetricsLog.read(bad))
                .hasMessageContaining("line 3 '2,0,oops' is malformed: a field is not a number");
        Files.writeString(bad, "step,epoch,x\n1,0,1,5\n");
        assertThatThrownBy(() -> MetricsLog.read(bad))
                .hasMessageContaining("line 2 '1,0,1,5' is malformed: expected 3 fields, got 4");
        Files.writeString(bad, "step,epoch,x\n5,0,1\n5,0,1\n");
        assertThatThrownBy(() -> MetricsLog.read(bad))
                .hasMessageContaining("step 5 does not increase over the previous line's step 5");
        Files.writeString(bad, "time,x\n");
        assertThatThrownBy(() -> MetricsLog.read(bad))
                .hasMessageContaining("has the header 'time,x'; expected 'step,epoch,<name>,...'");
    }
}
