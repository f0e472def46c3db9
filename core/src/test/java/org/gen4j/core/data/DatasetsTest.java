package org.gen4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import org.gen4j.core.spi.CoreModule;
import org.gen4j.core.spi.Registry;
import org.junit.jupiter.api.Test;

class DatasetsTest {

    @Test
    void builtInNamesAreRegistered() {
        assertThat(Datasets.builtIn()).extracting(DatasetFactory::name).containsExactly(
                "fashion-mnist-sample", "fashion-mnist", "gaussian-ring-8", "gaussian-grid-25");
        Registry registry = Guice.createInjector(new CoreModule()).getInstance(Registry.class);
        assertThat(registry.dataset("gaussian-grid-25").name()).isEqualTo("gaussian-grid-25");
        assertThat(registry.dataset("fashion-mnist-sample").description()).contains("MIT");
    }
}
