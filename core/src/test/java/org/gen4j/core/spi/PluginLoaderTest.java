package org.gen4j.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin discovery through {@link java.util.ServiceLoader}, and the checks made on each plugin. */
class PluginLoaderTest {

    @TempDir
    Path dir;

    /** A loader that sees the test class path plus a service file listing {@code lines}. */
    private URLClassLoader withServiceFile(String... lines) throws IOException {
        Path file = dir.resolve("META-INF/services/" + GenPlugin.class.getName());
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void findsTheCoreModuleThroughItsServiceFile() {
        assertThat(ServiceLoader.load(GenPlugin.class))
                .anySatisfy(p -> assertThat(p).isInstanceOf(CoreModule.class));
        assertThat(PluginLoader.load()).anySatisfy(p -> assertThat(p).isInstanceOf(CoreModule.class));
        assertThat(Gen4j.modules()).anySatisfy(m -> assertThat(m).isInstanceOf(CoreModule.class));
    }

    @Test
    void theCoreModuleTargetsThisSpiVersion() {
        assertThat(new CoreModule().coreApiVersion()).isEqualTo(PluginLoader.CORE_API_VERSION);
    }

    @Test
    void refusesAPluginBuiltForAnotherSpiVersion() throws IOException {
        try (URLClassLoader loader = withServiceFile(FuturePlugin.class.getName())) {
            assertThatThrownBy(() -> PluginLoader.load(loader))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Plugin " + FuturePlugin.class.getName() + " targets gen4j SPI version "
                            + FuturePlugin.VERSION + " but this core is version "
                            + PluginLoader.CORE_API_VERSION + ": rebuild the plugin against this core");
        }
    }

    @Test
    void aListedClassThatIsMissingFailsNamingIt() throws IOException {
        try (URLClassLoader loader = withServiceFile("# a comment", "org.example.NoSuchPlugin")) {
            assertThatThrownBy(() -> PluginLoader.load(loader))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("A gen4j plugin failed to load: ")
                    .hasMessageContaining("org.example.NoSuchPlugin");
        }
    }

    @Test
    void aListedClassThatIsNoPluginFailsNamingIt() throws IOException {
        try (URLClassLoader loader = withServiceFile(Registry.class.getName())) {
            assertThatThrownBy(() -> PluginLoader.load(loader))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("A gen4j plugin failed to load: ")
                    .hasMessageContaining(Registry.class.getName());
        }
    }

    @Test
    void failsWhenNoPluginIsFound() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> PluginLoader.load(empty))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("No gen4j plugin found on the class path (META-INF/services/"
                            + GenPlugin.class.getName() + "): add gen4j-core and plugin jars");
        }
    }
}
