package org.gen4j.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives an {@code NDManager} field of a test class a fresh base manager before each test and
 * closes it after the test (after the class's own {@code @AfterEach} methods), so that no test
 * leaks native arrays into the next:
 *
 * <pre>{@code
 * class LayersTest {
 *     @BaseManager private NDManager manager;
 *
 *     @BeforeEach
 *     void open() {
 *         ps = new ParameterStore(manager, false); // the manager is already open here
 *     }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@ExtendWith(BaseManagerExtension.class)
public @interface BaseManager {}
