/** The run spec: one description of a run, stored with every checkpoint. */
package org.gen4j.core.spec;
