package org.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the gen4j command decides on its heap and the command line of the JVM that gets it. */
class HeapLauncherTest {

    @Test
    void aJarOrMainStartedWithoutABoundIsRelaunched() {
        assertThat(HeapLauncher.shouldRelaunch(List.of("-Dai.djl.offline=true"),
                "cli/target/gen4j.jar train --steps 10", null)).isTrue();
        assertThat(HeapLauncher.shouldRelaunch(List.of(), Main.class.getName() + " train",
                null)).isTrue();
    }

    @Test
    void aBoundOfTheUsersOwnADebuggerAHostOrTheMarkerKeepTheCommandInThisJvm() {
        for (String option : List.of("-Xmx2g", "-XX:MaxHeapSize=1073741824",
                "-XX:MaxRAMPercentage=50", "-XX:MaxRAM=4g",
                "-agentlib:jdwp=transport=dt_socket,server=y,address=5005")) {
            assertThat(HeapLauncher.shouldRelaunch(List.of("-Dx=1", option), "gen4j.jar train",
                    null)).as(option).isFalse();
        }
        assertThat(HeapLauncher.shouldRelaunch(List.of(), "com.example.Host train", null))
                .isFalse();
        assertThat(HeapLauncher.shouldRelaunch(List.of(), "gen4j.jar train", "default"))
                .isFalse();
        // -Xms alone is a starting size, not a bound
        assertThat(HeapLauncher.shouldRelaunch(List.of("-Xms64m"), "gen4j.jar train", null))
                .isTrue();
    }

    @Test
    void theHeapComesFromTheOptionThenTheEnvironmentThenTheDefault() {
        assertThat(HeapLauncher.choose(new String[] {"train", "--heap", "2G"}, "3g"))
                .isEqualTo(new HeapLauncher.Choice("2g", "--heap"));
        assertThat(HeapLauncher.choose(new String[] {"--heap=768m", "train"}, null))
                .isEqualTo(new HeapLauncher.Choice("768m", "--heap"));
        assertThat(HeapLauncher.choose(new String[] {"train"}, " 3g "))
                .isEqualTo(new HeapLauncher.Choice("3g", HeapLauncher.ENVIRONMENT));
        assertThat(HeapLauncher.choose(new String[] {"train"}, ""))
                .isEqualTo(new HeapLauncher.Choice(HeapLauncher.DEFAULT_HEAP, "default"));
        // after "--" the words are positional: not an option
        assertThat(HeapLauncher.choose(new String[] {"train", "--", "--heap", "2g"}, null)
                .source()).isEqualTo("default");
    }

    @Test
    void aHeapThatIsNotASizeIsRefusedNamingWhereItCameFrom() {
        for (String bad : List.of("", "2", "2x", "-1g", "1.5g", "0m", "2 g", "99999999999g")) {
            assertThatThrownBy(() -> HeapLauncher.parse("--heap", bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--heap must be")
                    .hasMessageContaining("'" + bad + "'");
        }
        assertThatThrownBy(() -> HeapLauncher.choose(new String[] {"train", "--heap"}, null))
                .hasMessageContaining("--heap must be a heap size");
        assertThatThrownBy(() -> HeapLauncher.choose(new String[] {"train"}, "lots"))
                .hasMessageContaining(HeapLauncher.ENVIRONMENT + " must be a heap size");
        assertThatThrownBy(() -> HeapLauncher.parse("--heap", "32m"))
                .hasMessageContaining("at least 64m");
        assertThat(HeapLauncher.parse("--heap", "65536k")).isEqualTo("65536k");
    }

    @Test
    void theRelaunchedCommandKeepsTheOptionsClassPathAndArguments() {
        List<String> cmd = HeapLauncher.command("/jdk/bin/java",
                List.of("-Dai.djl.offline=true", "-XX:+UseG1GC"),
                new HeapLauncher.Choice("1g", "default"), "a.jar:b.jar",
                new String[] {"train", "--steps", "5"});
        assertThat(cmd).containsExactly("/jdk/bin/java", "-Dai.djl.offline=true", "-XX:+UseG1GC",
                "-Xmx1g", "-Xms" + HeapLauncher.INITIAL_HEAP,
                "-D" + HeapLauncher.PROPERTY + "=default", "-cp", "a.jar:b.jar",
                Main.class.getName(), "train", "--steps", "5");
        // without a collector or a starting size of the user's, the measured choice
        assertThat(HeapLauncher.command("java", List.of(), new HeapLauncher.Choice("2g",
                "--heap"), "a.jar", new String[] {"list"})).containsSubsequence("-Xmx2g",
                "-Xms" + HeapLauncher.INITIAL_HEAP, "-XX:+UseSerialGC", "-D"
                + HeapLauncher.PROPERTY + "=--heap");
        assertThat(HeapLauncher.command("java", List.of("-Xms256m"), new HeapLauncher.Choice(
                "2g", "--heap"), "a.jar", new String[] {"list"}))
                .doesNotContain("-Xms" + HeapLauncher.INITIAL_HEAP);
    }

    @Test
    void aMalformedHeapOptionIsAUsageErrorInProcessToo() {
        Cli.Result r = Cli.run("--heap", "lots", "list");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--heap must be a heap size").contains("'lots'");
    }
}
