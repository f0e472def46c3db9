/**
 * The example plugin of {@code docs/writing-a-plugin.md}: the {@code gmmn} procedure, the {@code
 * kernels} plugin kind and the {@code signum} optimizer.
 */
package org.gen4j.example.gmmn;
