/** Shared test fixtures for gen4j modules: NDArray assertions, engine helpers, plugin contracts. */
package org.gen4j.testing;
