/** The {@code gen4j} command: train, sample, interpolate and list, built with picocli. */
package org.gen4j.cli;
