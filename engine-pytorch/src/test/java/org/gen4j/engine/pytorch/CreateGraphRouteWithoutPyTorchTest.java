package org.gen4j.engine.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.EnumSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.gen4j.core.grad.InputGradientRoute;
import org.gen4j.core.model.Discriminator.Trait;
import org.junit.jupiter.api.Test;

/**
 * The route where PyTorch is not the engine: it says so, and it loads and answers with no PyTorch
 * class on the class path (as in the MXNet build of the CLI, where pytorch-engine is absent).
 */
class CreateGraphRouteWithoutPyTorchTest {

    @Test
    void namesTheEngineItNeeds() {
        assertThat(CreateGraphRoute.reason("MXNet", Set.of()))
                .isEqualTo("the create-graph route needs the PyTorch engine; in use: MXNet");
        assertThat(CreateGraphRoute.reason("MXNet", EnumSet.of(Trait.BATCH_NORM)))
                .isEqualTo("the create-graph route needs the PyTorch engine; in use: MXNet");
    }

    @Test
    void refusesBatchNormOnPyTorch() {
        assertThat(CreateGraphRoute.reason("PyTorch", EnumSet.of(Trait.BATCH_NORM)))
                .startsWith("the critic has BatchNorm, which couples the samples of a batch");
        assertThat(CreateGraphRoute.reason("PyTorch", Set.of())).isNull();
    }

    @Test
    void loadsWithoutPyTorchClasses() throws Exception {
        URL[] path = {location(CreateGraphRoute.class), location(InputGradientRoute.class),
                location(NDArray.class)};
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        try (URLClassLoader loader = new URLClassLoader(path, platform)) {
            assertThatThrownBy(() -> Class.forName("ai.djl.pytorch.jni.JniUtils", false, loader))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> service = Class.forName(InputGradientRoute.class.getName(), false, loader);
            List<?> routes = ServiceLoader.load(service, loader).stream()
                    .filter(p -> p.type().getName().equals(CreateGraphRoute.class.getName()))
                    .map(ServiceLoader.Provider::get)
                    .collect(Collectors.toList());
            assertThat(routes).hasSize(1);
            Object route = routes.get(0);
            assertThat(route.getClass().getClassLoader()).isSameAs(loader);
            assertThat(service.getMethod("name").invoke(route)).isEqualTo("create-graph");
            Method reason = route.getClass().getDeclaredMethod("reason", String.class, Set.class);
            reason.setAccessible(true);
            assertThat(reason.invoke(null, "MXNet", Set.of()))
                    .isEqualTo("the create-graph route needs the PyTorch engine; in use: MXNet");
        }
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
