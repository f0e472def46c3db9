/** What only the PyTorch engine can do: the create-graph input-gradient route for penalties. */
package org.gen4j.engine.pytorch;
