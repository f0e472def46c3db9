/** Provenance of evaluations: the JSON report written beside a run, and SHA-256 fingerprints. */
package org.gen4j.evaluation.report;
