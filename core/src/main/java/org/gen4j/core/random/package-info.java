/** Seeded random streams whose state is saved with checkpoints. */
package org.gen4j.core.random;
