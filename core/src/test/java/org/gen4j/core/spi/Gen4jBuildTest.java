package org.gen4j.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class Gen4jBuildTest {

    private static Properties record(String version, String commit, String modified,
            String built) {
        Properties p = new Properties();
        p.setProperty("version", version);
        p.setProperty("commit", commit);
        p.setProperty("modified", modified);
        p.setProperty("built", built);
        return p;
    }

    @Test
    void aBuildFromACheckoutNamesItsCommitChangesAndTime() {
        Gen4jBuild b = Gen4jBuild.parse(record("1.2.0", "612ae7c", "true", "2026-12-03T16:02:11Z"));

        assertThat(b.version()).isEqualTo("1.2.0");
        assertThat(b.commit()).contains("612ae7c");
        assertThat(b.modified()).contains(true);
        assertThat(b.describe())
                .isEqualTo("1.2.0 (commit 612ae7c with changes, built 2026-12-03T16:02:11Z)");
        assertThat(Gen4jBuild.parse(record("1.2.0", "612ae7c", "false", "2026-12-03T16:02:11Z"))
                .describe()).isEqualTo("1.2.0 (commit 612ae7c, built 2026-12-03T16:02:11Z)");
    }

    @Test
    void valuesTheBuildDidNotKnowReadAsUnknown() {
        Gen4jBuild outsideGit = Gen4jBuild.parse(record("1.2.0", "${git.commit.id.abbrev}",
                "${git.dirty}", "${git.build.time}"));
        assertThat(outsideGit).isEqualTo(new Gen4jBuild("1.2.0", Optional.empty(),
                Optional.empty(), Optional.empty()));
        assertThat(outsideGit.describe()).isEqualTo("1.2.0");

        Gen4jBuild noRecord = Gen4jBuild.parse(new Properties());
        assertThat(noRecord.version()).isEqualTo("unknown");
        assertThat(noRecord.describe()).isEqualTo("unknown");
        assertThat(Gen4jBuild.parse(record("1.2.0", " ", "", "2026-12-03T16:02:11Z")).describe())
                .isEqualTo("1.2.0 (built 2026-12-03T16:02:11Z)");
    }

    @Test
    void theCoreOnTheClassPathCarriesTheRecordTheBuildWrote() {
        // Maven's filtering wrote the record (a checkout may or may not be present: a source
        // archive has no commit, so only the version and the form of what is there are checked)
        Gen4jBuild current = Gen4jBuild.current();

        assertThat(current.version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        current.commit().ifPresent(c -> assertThat(c).matches("[0-9a-f]{7,40}"));
        current.builtAt().ifPresent(t -> assertThat(t)
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
        assertThat(current.describe()).startsWith(current.version());
        if (Files.exists(Path.of("..", ".git"))) {
            // built from a checkout (as CI's clone): the commit must have been recorded
            assertThat(current.commit()).as("commit of a build in a git checkout").isPresent();
            assertThat(current.modified()).isPresent();
            assertThat(current.builtAt()).isPresent();
        }
    }
}
