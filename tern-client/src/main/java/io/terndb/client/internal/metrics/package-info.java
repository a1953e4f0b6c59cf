/**
 * Lock-free latency histograms (HdrHistogram, striped by thread) and counters behind client.metrics().
 */
package io.terndb.client.internal.metrics;
