/**
 * Benchmarks (JMH) of the storage engine's hot paths and at-scale storage measurements. Run from
 * {@code target/benchmarks.jar}; the commands and results are in docs/BENCHMARKS.md. Benchmarks are
 * measurements, never tests.
 */
package io.terndb.jmh;
