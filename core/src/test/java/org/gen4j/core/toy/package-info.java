/** Test procedures that exercise the training core without any model family. */
package org.gen4j.core.toy;
