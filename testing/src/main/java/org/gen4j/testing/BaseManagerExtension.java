package org.gen4j.testing;

import ai.djl.ndarray.NDManager;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/** Opens and closes the managers of {@link BaseManager} fields; see there. */
public final class BaseManagerExtension implements BeforeEachCallback, AfterEachCallback {

    private static final Namespace NAMESPACE = Namespace.create(BaseManagerExtension.class);
    private static final String OPENED = "opened";

    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        Object test = context.getRequiredTestInstance();
        List<NDManager> opened = new ArrayList<>();
        for (Class<?> c = test.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!f.isAnnotationPresent(BaseManager.class)) {
                    continue;
                }
                if (f.getType() != NDManager.class || Modifier.isStatic(f.getModifiers())
                        || Modifier.isFinal(f.getModifiers())) {
                    throw new IllegalStateException("@BaseManager needs a non-static, non-final"
                            + " NDManager field; " + c.getName() + "." + f.getName() + " is "
                            + Modifier.toString(f.getModifiers()) + " " + f.getType().getName());
                }
                NDManager manager = NDManager.newBaseManager();
                opened.add(manager);
                f.setAccessible(true);
                f.set(test, manager);
            }
        }
        context.getStore(NAMESPACE).put(OPENED, opened);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        @SuppressWarnings("unchecked")
        List<NDManager> opened = context.getStore(NAMESPACE).remove(OPENED, List.class);
        if (opened != null) {
            opened.forEach(NDManager::close);
        }
    }
}
