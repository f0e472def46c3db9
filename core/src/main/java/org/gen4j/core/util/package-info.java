/** Small utilities: options with range checks, atomic file writes. */
package org.gen4j.core.util;
