package org.gen4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** {@link BaseManager}: a fresh, open manager in each test, closed after the test's own cleanup. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BaseManagerTest {

    private static final List<NDManager> SEEN = new ArrayList<>();
    private static final List<NDArray> ARRAYS = new ArrayList<>();

    @BaseManager private NDManager manager;
    private boolean openInBeforeEach;

    @BeforeEach
    void open() {
        openInBeforeEach = manager != null && manager.isOpen();
    }

    @AfterEach
    void stillOpenInAfterEach() {
        assertThat(manager.isOpen()).as("the manager in the class's @AfterEach").isTrue();
    }

    @Test
    @Order(1)
    void theFieldHoldsAnOpenManagerAlreadyInBeforeEach() {
        assertThat(openInBeforeEach).isTrue();
        SEEN.add(manager);
        ARRAYS.add(manager.ones(new Shape(2)));
    }

    @Test
    @Order(2)
    void eachTestGetsAFreshManagerAndTheLastOneWasClosedWithItsArrays() {
        assertThat(SEEN).hasSize(1);
        assertThat(manager).isNotSameAs(SEEN.get(0));
        assertThat(SEEN.get(0).isOpen()).isFalse();
        assertThat(ARRAYS.get(0).isReleased()).isTrue();
    }
}
