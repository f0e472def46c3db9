/** Benchmarks: DCGAN step throughput against the PyTorch reference, and memory over long runs. */
package org.gen4j.bench;
