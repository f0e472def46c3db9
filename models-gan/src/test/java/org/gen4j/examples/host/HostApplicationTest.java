package org.gen4j.examples.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import com.google.inject.util.Modules;
import jakarta.inject.Inject;
import java.util.Map;
import org.gen4j.core.loss.GanLoss;
import org.gen4j.core.loss.GanLossFactory;
import org.gen4j.core.spi.CoreModule;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.GenBindings;
import org.gen4j.core.spi.PluginKind;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.util.Options;
import org.gen4j.losses.LossesModule;
import org.junit.jupiter.api.Test;

/**
 * A host application that has its own Guice injector: it installs gen4j's modules into it, injects
 * the {@link Registry} and the map of losses into its own classes, and adds a loss of its own.
 */
class HostApplicationTest {

    /** A service of the host's own, unrelated to gen4j. */
    interface RunNamer {
        String next();
    }

    /** A host class that asks for the registry. */
    static final class ExperimentPlanner {
        private final Registry registry;
        private final RunNamer namer;

        @Inject
        ExperimentPlanner(Registry registry, RunNamer namer) {
            this.registry = registry;
            this.namer = namer;
        }

        String plan(String lossName) {
            return namer.next() + ": " + registry.loss(lossName).description();
        }
    }

    /** A host class that asks for the losses by name. */
    static final class LossPicker {
        private final Map<String, GanLossFactory> losses;

        @Inject
        LossPicker(Map<String, GanLossFactory> losses) {
            this.losses = losses;
        }

        GanLoss pick(String name) {
            return losses.get(name).create(Options.empty("loss '" + name + "'"));
        }
    }

    /** The host's module: its own bindings, every gen4j plugin found, and a loss of its own. */
    static final class HostModule extends AbstractModule {
        @Override
        protected void configure() {
            bind(RunNamer.class).toInstance(() -> "run-1");
            Gen4j.modules().forEach(this::install);
            GenBindings.addLoss(binder(), new LeastSquaresLossFactory());
        }
    }

    private static final Injector INJECTOR = Guice.createInjector(new HostModule());

    @Test
    void aHostClassGetsTheRegistryInjected() {
        ExperimentPlanner planner = INJECTOR.getInstance(ExperimentPlanner.class);
        assertThat(planner.plan("non-saturating")).startsWith("run-1: GAN with D by cross-entropy");
        assertThatThrownBy(() -> planner.plan("hinje"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown loss 'hinje'. Known losses: [")
                .hasMessageContaining("non-saturating");
    }

    @Test
    void aHostClassGetsTheMapOfLossesInjected() {
        Map<String, GanLossFactory> losses =
                INJECTOR.getInstance(Key.get(new TypeLiteral<Map<String, GanLossFactory>>() {}));
        assertThat(losses.get("non-saturating").name()).isEqualTo("non-saturating");
        LossPicker picker = INJECTOR.getInstance(LossPicker.class);
        GanLoss first = picker.pick("non-saturating");
        assertThat(first.name()).isEqualTo("non-saturating");
        assertThat(picker.pick("non-saturating")).isNotSameAs(first);
    }

    @Test
    void theHostsOwnLossIsInTheRegistryNextToThePlugins() {
        Registry registry = INJECTOR.getInstance(Registry.class);
        assertThat(registry.all(PluginKind.LOSS))
                .containsKeys(LeastSquaresLossFactory.NAME, "minimax", "non-saturating");
        assertThat(registry.all(PluginKind.GENERATOR)).containsKeys("dcgan", "mlp-gan");
        GanLoss loss = registry.loss(LeastSquaresLossFactory.NAME)
                .create(Options.empty("loss '" + LeastSquaresLossFactory.NAME + "'"));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray real = m.create(new float[] {1f, 3f}).reshape(2, 1);
            NDArray fake = m.create(new float[] {0f, 2f}).reshape(2, 1);
            // D: ((0 + 4) / 2 + (0 + 4) / 2) / 2 = 2; G: ((1 + 1) / 2) / 2 = 0.5
            assertThat(loss.discriminatorLoss(real, fake).getFloat()).isCloseTo(2f, within(1e-6f));
            assertThat(loss.generatorLoss(fake, null).getFloat()).isCloseTo(0.5f, within(1e-6f));
        }
    }

    /** The host's least-squares loss under another name. */
    private static GanLossFactory renamed(String name) {
        GanLossFactory delegate = new LeastSquaresLossFactory();
        return new GanLossFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return delegate.description();
            }

            @Override
            public GanLoss create(Options options) {
                return delegate.create(options);
            }
        };
    }

    @Test
    void aHostLossCannotTakeANameThatAPluginHas() {
        assertThatThrownBy(() -> Guice.createInjector(new HostModule(),
                        binder -> GenBindings.addLoss(binder, renamed("minimax"))))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("Duplicate key \"minimax\" found in Map<String, GanLossFactory>");
    }

    @Test
    void modulesOverrideDoesNotReplaceANamedEntryEither() {
        // Guice's Modules.override does not reach into MapBinder entries: the name is bound twice.
        assertThatThrownBy(() -> Guice.createInjector(Modules.override(new HostModule())
                        .with(binder -> GenBindings.addLoss(binder, renamed("minimax")))))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("Duplicate key \"minimax\" found in Map<String, GanLossFactory>");
    }

    @Test
    void toReplaceAPluginsLossTheHostLeavesThatPluginOut() {
        Injector injector = Guice.createInjector(new AbstractModule() {
            @Override
            protected void configure() {
                for (Module module : Gen4j.modules()) {
                    if (!(module instanceof LossesModule)) {
                        install(module);
                    }
                }
                GenBindings.addLoss(binder(), renamed("minimax"));
            }
        });
        Registry registry = injector.getInstance(Registry.class);
        assertThat(registry.all(PluginKind.LOSS)).containsOnlyKeys("minimax");
        assertThat(registry.loss("minimax").description())
                .isEqualTo(new LeastSquaresLossFactory().description());
        assertThat(registry.all(PluginKind.GENERATOR)).containsKeys("dcgan", "mlp-gan");
    }

    @Test
    void installingTheCoreModuleAgainDoesNotFail() {
        Injector injector = Guice.createInjector(new HostModule(), new CoreModule());
        assertThat(injector.getInstance(Registry.class).all(PluginKind.DATASET).keySet())
                .isEqualTo(INJECTOR.getInstance(Registry.class).all(PluginKind.DATASET).keySet());
    }

    @Test
    void installingAPluginModuleAgainFails() {
        // Plugin modules have no equals: a second copy registers each of its names again.
        assertThatThrownBy(() -> Guice.createInjector(new HostModule(), new LossesModule()))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("found in Map<String, GanLossFactory>");
    }
}
