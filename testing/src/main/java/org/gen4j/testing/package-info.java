/**
 * Shared test fixtures for gen4j modules: NDArray assertions, engine helpers and the per-test base
 * manager ({@link org.gen4j.testing.BaseManager}). This module depends on no gen4j module, so that
 * gen4j-core can use it; the plugin contract test, which needs the core, is in {@code
 * gen4j-testing-plugins} ({@code org.gen4j.testing.plugins.PluginContract}).
 */
package org.gen4j.testing;
