/** The plugin SPI: plugin discovery, bindings by name, and the registry. */
package org.gen4j.core.spi;
