/**
 * The training-procedure contract: how a model family plugs into the one training core. A
 * {@link org.gen4j.core.procedure.ProcedureFactory} (a plugin kind) declares the spec keys and
 * networks; the {@link org.gen4j.core.procedure.TrainingProcedure} it builds runs one step
 * through a {@link org.gen4j.core.procedure.StepContext} and samples through a {@link
 * org.gen4j.core.procedure.SampleContext}.
 */
package org.gen4j.core.procedure;
