/** Optimizers whose state (moments, step counts) is saved with checkpoints. */
package org.gen4j.core.optim;
