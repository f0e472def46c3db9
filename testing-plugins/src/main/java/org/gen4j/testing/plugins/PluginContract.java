package org.gen4j.testing.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import ai.djl.ndarray.types.Shape;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.gen4j.core.data.DatasetFactory;
import org.gen4j.core.loss.GanLoss;
import org.gen4j.core.loss.GanLossFactory;
import org.gen4j.core.loss.ReconstructionLossFactory;
import org.gen4j.core.loss.RegularizerFactory;
import org.gen4j.core.loss.VariationalLossFactory;
import org.gen4j.core.metric.Metric;
import org.gen4j.core.metric.MetricFactory;
import org.gen4j.core.model.Discriminator;
import org.gen4j.core.model.DiscriminatorFactory;
import org.gen4j.core.model.Generator;
import org.gen4j.core.model.GeneratorFactory;
import org.gen4j.core.model.NetworkSpec;
import org.gen4j.core.optim.Optimizer;
import org.gen4j.core.optim.OptimizerFactory;
import org.gen4j.core.optim.ScheduleFactory;
import org.gen4j.core.procedure.NetworkRole;
import org.gen4j.core.procedure.ProcedureFactory;
import org.gen4j.core.procedure.ProcedureSetup;
import org.gen4j.core.procedure.TrainingProcedure;
import org.gen4j.core.spec.CommonKeys;
import org.gen4j.core.spec.PresetFactory;
import org.gen4j.core.spec.SpecKey;
import org.gen4j.core.spi.CoreModule;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.GenBindings;
import org.gen4j.core.spi.GenPlugin;
import org.gen4j.core.spi.NamedFactory;
import org.gen4j.core.spi.PluginKind;
import org.gen4j.core.spi.PluginLoader;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.util.Options;
import org.junit.jupiter.api.Test;

/**
 * The contract every gen4j plugin module passes. A plugin module's test extends this class and
 * names its plugin:
 *
 * <pre>{@code
 * class LossesPluginContractTest extends PluginContract {
 *     protected GenPlugin plugin() {
 *         return new LossesModule();
 *     }
 * }
 * }</pre>
 *
 * <p>It checks that the plugin's {@code META-INF/services/org.gen4j.core.spi.GenPlugin} file (the
 * one next to the plugin's class) lists classes that load and that {@link PluginLoader} finds the
 * plugin; that an injector builds from the core and the plugin, and from every plugin on the class
 * path (so no name clashes with another plugin); that every name is lower-kebab-case and equal to
 * its factory's {@link NamedFactory#name()} (MapBinder makes names unique within a kind: a second
 * registration fails at injector creation); that each factory creates an instance from empty
 * options, a new one on each call, and rejects an unknown option; and that descriptions are
 * non-empty single lines.
 *
 * <p>A plugin that registers generators or discriminators overrides {@link #sampleShape(String)} to
 * give a sample shape each architecture accepts.
 */
public abstract class PluginContract {

    /** The provider-configuration file that {@link java.util.ServiceLoader} reads. */
    public static final String SERVICE_FILE = "META-INF/services/" + GenPlugin.class.getName();

    /** The option key that no factory knows, used to check that unknown options fail. */
    public static final String UNKNOWN_OPTION = "no-such-option";

    private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** A new instance of the plugin module under test. */
    protected abstract GenPlugin plugin();

    /**
     * A sample shape that the architecture registered as {@code architecture} accepts, for example
     * {@code (1, 28, 28)} for {@code dcgan} or {@code (2)} for {@code mlp-gan}.
     *
     * <p>The default fails: a plugin that registers a generator or a discriminator overrides it.
     */
    protected Shape sampleShape(String architecture) {
        return fail(getClass().getSimpleName() + " tests a plugin that registers the architecture '"
                + architecture + "': override sampleShape(String) to give a sample shape it accepts");
    }

    /** The latent size used to create generators and discriminators; 8 unless overridden. */
    protected int latentSize() {
        return 8;
    }

    @Test
    void serviceFileNextToThePluginListsLoadablePlugins() throws Exception {
        Class<?> type = plugin().getClass();
        List<String> listed = serviceFileEntries(type);
        assertThat(listed)
                .as("%s next to %s", SERVICE_FILE, type.getName())
                .contains(type.getName())
                .doesNotHaveDuplicates();
        for (String name : listed) {
            Class<?> listedType = Class.forName(name, false, type.getClassLoader());
            assertThat(GenPlugin.class.isAssignableFrom(listedType))
                    .as("%s listed in %s implements %s", name, SERVICE_FILE, GenPlugin.class.getName())
                    .isTrue();
            GenPlugin instance = (GenPlugin) listedType.getConstructor().newInstance();
            assertThat(instance.coreApiVersion())
                    .as("SPI version of %s", name)
                    .isEqualTo(PluginLoader.CORE_API_VERSION);
        }
    }

    @Test
    void pluginLoaderFindsThePlugin() {
        Class<?> type = plugin().getClass();
        assertThat(PluginLoader.load()).anySatisfy(p -> assertThat(p).isInstanceOf(type));
        assertThat(Gen4j.modules()).anySatisfy(m -> assertThat(m).isInstanceOf(type));
    }

    @Test
    void injectorBuildsFromTheCoreAndThePlugin() {
        Injector injector = Guice.createInjector(Stage.PRODUCTION, new CoreModule(), plugin());
        Registry registry = injector.getInstance(Registry.class);
        ownRegistrations().forEach((kind, names) -> assertThat(registry.all(kind)).containsKeys(
                names.keySet().toArray(String[]::new)));
    }

    @Test
    void injectorBuildsFromEveryPluginOnTheClassPath() {
        Registry registry = Guice.createInjector(Gen4j.modules()).getInstance(Registry.class);
        ownRegistrations().forEach((kind, own) -> own.forEach((name, factory) ->
                assertThat((Object) registry.get(kind, name))
                        .as("%s '%s' in the registry of every plugin", kind.singular(), name)
                        .isInstanceOf(factory.getClass())));
    }

    @Test
    void namesAreLowerKebabCaseAndMatchTheirFactories() {
        Map<PluginKind<?>, Map<String, ? extends NamedFactory>> own = ownRegistrations();
        assertThat(own.values().stream().mapToInt(Map::size).sum())
                .as("number of factories registered by %s", plugin().getClass().getName())
                .isPositive();
        own.forEach((kind, factories) -> factories.forEach((name, factory) -> {
            assertThat(name).as("%s name", kind.singular()).matches(KEBAB);
            assertThat(factory.name()).as("name() of %s", factory.getClass().getName()).isEqualTo(name);
        }));
    }

    @Test
    void descriptionsAreNonEmptySingleLines() {
        ownRegistrations().forEach((kind, factories) -> factories.forEach((name, factory) ->
                assertThat(factory.description())
                        .as("description of %s '%s'", kind.singular(), name)
                        .isNotBlank()
                        .doesNotContain("\n", "\r")));
    }

    @Test
    void eachFactoryCreatesANewInstanceFromEmptyOptions() {
        ownRegistrations().forEach((kind, factories) -> factories.forEach((name, factory) -> {
            if (!creates(kind, name)) {
                return;
            }
            Object first = create(kind, name, factory, Map.of());
            Object second = create(kind, name, factory, Map.of());
            assertThat(first).as("%s '%s' created from empty options", kind.singular(), name)
                    .isNotNull();
            if (kind.equals(PluginKind.LOSS)) {
                assertThat(((GanLoss) first).name()).isEqualTo(name);
            } else if (kind.equals(PluginKind.GENERATOR)) {
                assertThat(((Generator) first).block()).as("block of generator '%s'", name)
                        .isNotSameAs(((Generator) second).block());
            } else if (kind.equals(PluginKind.DISCRIMINATOR)) {
                assertThat(((Discriminator) first).block()).as("block of discriminator '%s'", name)
                        .isNotSameAs(((Discriminator) second).block());
            } else if (kind.equals(PluginKind.METRIC)) {
                assertThat(((Metric) first).name()).isEqualTo(name);
            } else if (kind.equals(PluginKind.OPTIMIZER)) {
                assertThat(((Optimizer) first).name()).isEqualTo(name);
            } else if (kind.equals(PluginKind.PROCEDURE)) {
                assertThat(((TrainingProcedure) first).networks()).as("networks of '%s'", name)
                        .isNotEmpty();
            }
            // Data sets are read-only sample sets that a factory may cache; everything else keeps
            // state (DJL blocks, losses), so a second create must not return the first instance.
            if (!kind.equals(PluginKind.DATASET)) {
                assertThat(second).as("second create of %s '%s'", kind.singular(), name)
                        .isNotSameAs(first);
            }
        }));
    }

    @Test
    void eachFactoryRejectsAnUnknownOption() {
        ownRegistrations().forEach((kind, factories) -> factories.forEach((name, factory) -> {
            if (!creates(kind, name) || kind.equals(PluginKind.PROCEDURE)) {
                return;
            }
            assertThatThrownBy(() -> create(kind, name, factory, Map.of(UNKNOWN_OPTION, 1)))
                    .as("%s '%s' given option '%s'", kind.singular(), name, UNKNOWN_OPTION)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(UNKNOWN_OPTION);
        }));
    }

    @Test
    void procedureKeysAndNetworksAreWellFormed() {
        Map<String, ? extends NamedFactory> procedures =
                ownRegistrations().getOrDefault(PluginKind.PROCEDURE, Map.of());
        procedures.forEach((name, f) -> {
            ProcedureFactory factory = (ProcedureFactory) f;
            List<String> keys = factory.keys().stream().map(SpecKey::name).toList();
            assertThat(keys).as("keys of procedure '%s'", name).doesNotHaveDuplicates()
                    .allSatisfy(k -> assertThat(k).matches(KEBAB));
            assertThat(keys).as("keys of procedure '%s' that shadow common keys", name)
                    .doesNotContainAnyElementsOf(CommonKeys.all().stream().map(SpecKey::name)
                            .toList());
            factory.keys().forEach(k -> assertThat(k.description()).as("description of key %s", k)
                    .isNotBlank().doesNotContain("\n"));
            assertThat(factory.networks()).as("networks of procedure '%s'", name).isNotEmpty();
            assertThat(factory.networks().stream().map(NetworkRole::name).toList())
                    .doesNotHaveDuplicates();
        });
    }

    @Test
    void presetsSetKeys() {
        ownRegistrations().getOrDefault(PluginKind.PRESET, Map.of()).forEach((name, f) ->
                assertThat(((PresetFactory) f).keys()).as("keys of preset '%s'", name)
                        .isNotEmpty());
    }

    /**
     * Whether the contract can create components of this kind: the core's kinds can be created
     * from options (presets have nothing to create, and procedures need {@link
     * #procedureSetup}); a plugin's own kind needs {@link #create} overridden.
     */
    protected boolean creates(PluginKind<?> kind, String name) {
        if (kind.equals(PluginKind.PRESET)) {
            return false;
        }
        if (kind.equals(PluginKind.PROCEDURE)) {
            return procedureSetup(name) != null;
        }
        return PluginKind.builtIn().contains(kind);
    }

    /**
     * The set-up to create the procedure {@code name} with in this contract, or null to skip
     * creating it (a procedure needs architectures and data). A plugin that registers procedures
     * overrides it.
     */
    protected ProcedureSetup procedureSetup(String name) {
        return null;
    }

    /** The factories the plugin under test registers, by kind; kinds it leaves empty are left out. */
    private Map<PluginKind<?>, Map<String, ? extends NamedFactory>> ownRegistrations() {
        Injector injector = Guice.createInjector(Stage.PRODUCTION, new AbstractModule() {
            @Override
            protected void configure() {
                // Declare every core map, so that the registry builds from this plugin alone.
                for (PluginKind<?> kind : PluginKind.builtIn()) {
                    GenBindings.declare(binder(), kind);
                }
            }
        }, plugin());
        Registry registry = injector.getInstance(Registry.class);
        Map<PluginKind<?>, Map<String, ? extends NamedFactory>> own = new LinkedHashMap<>();
        for (PluginKind<?> kind : registry.kinds()) {
            if (!registry.all(kind).isEmpty()) {
                own.put(kind, registry.all(kind));
            }
        }
        return own;
    }

    /**
     * Creates a component from options. A plugin that brings a kind of its own overrides this
     * (and {@link #creates}) to create it.
     */
    protected Object create(PluginKind<?> kind, String name, NamedFactory factory,
            Map<String, ?> values) {
        Options options = new Options(kind.singular() + " '" + name + "'", values);
        if (kind.equals(PluginKind.LOSS)) {
            return ((GanLossFactory) factory).create(options);
        } else if (kind.equals(PluginKind.REGULARIZER)) {
            return ((RegularizerFactory) factory).create(options);
        } else if (kind.equals(PluginKind.RECONSTRUCTION_LOSS)) {
            return ((ReconstructionLossFactory) factory).create(options);
        } else if (kind.equals(PluginKind.VARIATIONAL_LOSS)) {
            return ((VariationalLossFactory) factory).create(options);
        } else if (kind.equals(PluginKind.GENERATOR)) {
            return ((GeneratorFactory) factory).create(
                    new NetworkSpec(sampleShape(name), latentSize(), options));
        } else if (kind.equals(PluginKind.DISCRIMINATOR)) {
            return ((DiscriminatorFactory) factory).create(
                    new NetworkSpec(sampleShape(name), latentSize(), options));
        } else if (kind.equals(PluginKind.DATASET)) {
            return ((DatasetFactory) factory).load(options, 0L);
        } else if (kind.equals(PluginKind.METRIC)) {
            return ((MetricFactory) factory).create(options);
        } else if (kind.equals(PluginKind.OPTIMIZER)) {
            return ((OptimizerFactory) factory).create(options);
        } else if (kind.equals(PluginKind.SCHEDULE)) {
            return ((ScheduleFactory) factory).create(options, 100);
        } else if (kind.equals(PluginKind.PROCEDURE)) {
            return ((ProcedureFactory) factory).create(procedureSetup(name));
        }
        throw new IllegalStateException("the contract cannot create a " + kind.singular()
                + ": override create and creates for this plugin's own kind");
    }

    /** The entries of the service file in the class-path root that holds {@code type}. */
    private static List<String> serviceFileEntries(Class<?> type) throws IOException {
        URL root = type.getProtectionDomain().getCodeSource().getLocation();
        List<String> entries = new ArrayList<>();
        // A loader over that root alone (no parent), so that other jars' service files are not seen.
        try (URLClassLoader only = new URLClassLoader(new URL[] {root}, null)) {
            URL file = only.findResource(SERVICE_FILE);
            assertThat(file).as("%s in %s, next to %s", SERVICE_FILE, root, type.getName()).isNotNull();
            URLConnection connection = file.openConnection();
            connection.setUseCaches(false);
            try (InputStream in = connection.getInputStream();
                    BufferedReader reader = new BufferedReader(
                            new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    int hash = line.indexOf('#');
                    String entry = (hash >= 0 ? line.substring(0, hash) : line).trim();
                    if (!entry.isEmpty()) {
                        entries.add(entry);
                    }
                }
            }
        }
        return entries;
    }
}
