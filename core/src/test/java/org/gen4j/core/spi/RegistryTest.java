package org.gen4j.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import java.util.Map;
import java.util.Set;
import org.gen4j.core.data.DatasetFactory;
import org.gen4j.core.loss.GanLossFactory;
import org.gen4j.core.metric.Metric;
import org.gen4j.core.metric.MetricFactory;
import org.gen4j.core.metric.MetricInput;
import org.gen4j.core.metric.MetricInputs;
import org.gen4j.core.metric.MetricResult;
import org.gen4j.core.model.GeneratorFactory;
import org.gen4j.core.util.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Registration by name through {@link GenBindings}, and lookup through the {@link Registry}. */
class RegistryTest {

    private static Module losses(String... names) {
        return binder -> {
            for (String name : names) {
                GenBindings.addLoss(binder, new FakeLossFactory(name));
            }
        };
    }

    private static Registry registry(Module... modules) {
        Injector injector = Guice.createInjector(new CoreModule(), new AbstractModule() {
            @Override
            protected void configure() {
                for (Module module : modules) {
                    install(module);
                }
            }
        });
        return injector.getInstance(Registry.class);
    }

    @Test
    void looksUpARegisteredLossByName() {
        Registry registry = registry(losses("minimax", "hinge"));
        assertThat(registry.loss("hinge").name()).isEqualTo("hinge");
        assertThat(registry.contains(PluginKind.LOSS, "hinge")).isTrue();
        assertThat(registry.contains(PluginKind.LOSS, "hinje")).isFalse();
        assertThat(registry.all(PluginKind.LOSS)).containsOnlyKeys("hinge", "minimax");
    }

    @Test
    void anUnknownNameFailsWithTheKnownNamesSorted() {
        Registry registry = registry(losses("wgan", "minimax", "hinge", "lsgan"));
        assertThatThrownBy(() -> registry.loss("hinje"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown loss 'hinje'. Known losses: [hinge, lsgan, minimax, wgan]");
    }

    @Test
    void anUnknownNameOfAnEmptyKindSaysThereIsNone() {
        Registry registry = registry();
        assertThatThrownBy(() -> registry.generator("dcgan"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown generator 'dcgan'. Known generators: []");
    }

    @Test
    void aDuplicateNameFailsAtInjectorCreationNamingIt() {
        assertThatThrownBy(() -> registry(losses("hinge", "minimax"), losses("hinge")))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("Duplicate key \"hinge\" found in Map<String, GanLossFactory>");
    }

    @Test
    void oneNameMayBeUsedByTwoKinds() {
        // Names are unique within a kind: a loss and a data set may share one.
        String dataset = registry().all(PluginKind.DATASET).keySet().iterator().next();
        assertThat(registry(losses(dataset)).loss(dataset).name()).isEqualTo(dataset);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hinge", "hinge_loss", "hinge loss", "-hinge", "hinge-", "hinge--gp", "", "wgan.gp"})
    void aNameThatIsNotLowerKebabCaseIsRejected(String name) {
        assertThatThrownBy(() -> Guice.createInjector(losses(name)))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("Plugin name '" + name + "' of ")
                .rootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Plugin name '" + name + "' of " + FakeLossFactory.class.getName()
                        + " is not lower-kebab-case (letters, digits and single hyphens)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hinge", "wgan-gp", "r1", "dcgan-64", "8-gaussians"})
    void lowerKebabCaseNamesAreAccepted(String name) {
        assertThat(registry(losses(name)).loss(name).name()).isEqualTo(name);
    }

    @Test
    void aNullNameIsRejected() {
        assertThatThrownBy(() -> Guice.createInjector(losses((String) null)))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("factory name is null");
    }

    @Test
    void eachKindCanBeInjectedEmptyFromTheCoreAlone() {
        Injector injector = Guice.createInjector(new CoreModule());
        assertThat(injector.getInstance(Key.get(new TypeLiteral<Map<String, GanLossFactory>>() {})))
                .isEmpty();
        assertThat(injector.getInstance(Key.get(new TypeLiteral<Map<String, GeneratorFactory>>() {})))
                .isEmpty();
        assertThat(injector.getInstance(Key.get(new TypeLiteral<Map<String, DatasetFactory>>() {})))
                .isNotEmpty();
    }

    @Test
    void theCoreModuleInstalledTwiceIsInstalledOnce() {
        // Guice 7 skips a module equal to one already installed; without CoreModule.equals the
        // second copy would register each data set again and fail with Guice/DuplicateMapKey.
        Registry once = Guice.createInjector(new CoreModule()).getInstance(Registry.class);
        Registry twice = Guice.createInjector(new CoreModule(), new CoreModule())
                .getInstance(Registry.class);
        assertThat(twice.all(PluginKind.DATASET).keySet()).isEqualTo(once.all(PluginKind.DATASET).keySet());
        // Also when a host installs it inside its own module next to Gen4j.modules().
        Registry nested = Guice.createInjector(new AbstractModule() {
            @Override
            protected void configure() {
                install(new CoreModule());
                Gen4j.modules().forEach(this::install);
            }
        }).getInstance(Registry.class);
        assertThat(nested.all(PluginKind.DATASET).keySet()).isEqualTo(once.all(PluginKind.DATASET).keySet());
    }

    @Test
    void aLossOptionThatTheFactoryDoesNotKnowFailsNamingOwnerAndKey() {
        GanLossFactory factory = registry(losses("hinge")).loss("hinge");
        assertThat(factory.create(Options.empty("loss 'hinge'"))).isNotSameAs(
                factory.create(Options.empty("loss 'hinge'")));
        assertThatThrownBy(() -> factory.create(new Options("loss 'hinge'", Map.of("sacle", 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("loss 'hinge': unknown option [sacle]. Known options: [scale]");
        assertThatThrownBy(() -> factory.create(new Options("loss 'hinge'", Map.of("scale", 11))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("loss 'hinge': option 'scale' must be in [0.0, 10.0], got 11");
    }

    private static MetricFactory fakeMetric(String name) {
        return new MetricFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "A fake metric for SPI tests";
            }

            @Override
            public Metric create(Options options) {
                options.checkAllUsed();
                return new Metric() {
                    @Override
                    public String name() {
                        return name;
                    }

                    @Override
                    public Set<MetricInput> inputs() {
                        return Set.of();
                    }

                    @Override
                    public MetricResult compute(MetricInputs inputs) {
                        return new MetricResult(name, Map.of(name, 1.0), Map.of());
                    }
                };
            }
        };
    }

    @Test
    void metricsAreAKindOfTheirOwnLookedUpByName() {
        Registry registry = registry(binder -> {
            GenBindings.addMetric(binder, fakeMetric("fid"));
            GenBindings.addMetric(binder, fakeMetric("kid"));
        });
        assertThat(registry.metric("kid").name()).isEqualTo("kid");
        assertThat(registry.all(PluginKind.METRIC)).containsOnlyKeys("fid", "kid");
        assertThat(PluginKind.METRIC.factoryType()).isEqualTo(MetricFactory.class);
        assertThatThrownBy(() -> registry.metric("fdi"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown metric 'fdi'. Known metrics: [fid, kid]");
        assertThat(registry().all(PluginKind.METRIC)).isEmpty();
    }

    /** A kind a plugin brings: the core has no code for it. */
    interface WidgetFactory extends NamedFactory {}

    private static WidgetFactory widget(String name) {
        return new WidgetFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "a widget";
            }
        };
    }

    private static final PluginKind<WidgetFactory> WIDGETS =
            PluginKind.of("widget", "widgets", WidgetFactory.class);

    @Test
    void aPluginBringsAKindOfItsOwnWithoutChangingTheCore() {
        Registry registry = registry(binder -> {
            GenBindings.add(binder, WIDGETS, widget("gear"));
            GenBindings.add(binder, WIDGETS, widget("cog"));
        });
        assertThat(registry.kinds()).contains(WIDGETS).startsWith(PluginKind.PROCEDURE);
        assertThat(registry.kinds().get(registry.kinds().size() - 1)).isEqualTo(WIDGETS);
        assertThat(registry.kind("widgets")).isEqualTo(WIDGETS);
        assertThat(registry.kind("widget")).isEqualTo(WIDGETS);
        assertThat(registry.get(WIDGETS, "cog").name()).isEqualTo("cog");
        assertThat(registry.all(WIDGETS)).containsOnlyKeys("cog", "gear");
        assertThatThrownBy(() -> registry.get(WIDGETS, "cgo"))
                .hasMessage("Unknown widget 'cgo'. Known widgets: [cog, gear]");
        assertThatThrownBy(() -> registry.kind("gadgets"))
                .hasMessageContaining("Unknown plugin kind 'gadgets'. Known kinds: [procedures,");
        // A kind no module declared is empty, not an error.
        assertThat(registry().all(WIDGETS)).isEmpty();
        assertThat(registry().contains(WIDGETS, "gear")).isFalse();
    }

    @Test
    void twoKindsWithOneNounAreRefused() {
        PluginKind<GanLossFactory> impostor = PluginKind.of("metric", "gadgets",
                GanLossFactory.class);
        assertThat(impostor).isEqualTo(PluginKind.LOSS).as("kinds are their factory types");
        interface OtherFactory extends NamedFactory {}
        PluginKind<OtherFactory> clash = PluginKind.of("loss", "others", OtherFactory.class);
        assertThatThrownBy(() -> registry(binder -> GenBindings.declare(binder, clash)))
                .hasMessageContaining("two plugin kinds are called 'loss'");
        assertThatThrownBy(() -> PluginKind.of("Widget", "widgets", WidgetFactory.class))
                .hasMessageContaining("lower-kebab-case");
    }

    @Test
    void theCoreRegistersItsOptimizersAndSchedules() {
        Registry registry = registry();
        assertThat(registry.all(PluginKind.OPTIMIZER)).containsOnlyKeys("adam", "rmsprop", "sgd");
        assertThat(registry.all(PluginKind.SCHEDULE)).containsOnlyKeys("constant", "cosine",
                "linear", "step");
        assertThat(registry.all(PluginKind.PROCEDURE)).isEmpty();
    }
}
