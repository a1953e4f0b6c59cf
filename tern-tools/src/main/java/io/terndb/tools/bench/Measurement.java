package io.terndb.tools.bench;

import org.HdrHistogram.Histogram;

/**
 * What the measured phase saw on one target.
 *
 * @param operations operations that completed (read misses included, errors not)
 * @param opsPerSecond completed operations per second of the measured phase
 * @param firstError the first failure message seen, warm-up included, or null
 */
public record Measurement(
        long operations,
        double opsPerSecond,
        double p50Us,
        double p99Us,
        double p999Us,
        long errors,
        long misses,
        String firstError) {

    static Measurement of(Histogram latenciesNs, long elapsedNs, OperationCounters counters) {
        long operations = latenciesNs.getTotalCount();
        return new Measurement(
                operations,
                operations * 1e9 / elapsedNs,
                microseconds(latenciesNs, 50.0),
                microseconds(latenciesNs, 99.0),
                microseconds(latenciesNs, 99.9),
                counters.errors(),
                counters.misses(),
                counters.firstError());
    }

    private static double microseconds(Histogram latenciesNs, double percentile) {
        return latenciesNs.getValueAtPercentile(percentile) / 1_000.0;
    }
}
