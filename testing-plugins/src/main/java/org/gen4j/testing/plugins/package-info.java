/**
 * The plugin contract test ({@link org.gen4j.testing.plugins.PluginContract}) that every gen4j plugin
 * module extends in its tests. It is a module of its own because it needs gen4j-core, while
 * gen4j-testing must not: gen4j-core's tests use gen4j-testing.
 */
package org.gen4j.testing.plugins;
