/**
 * Simulator: synthetic lending and wealth customers with realistic event histories, for the demo
 * data, for tests and as the load source of the benchmarks.
 *
 * <p>Deterministic for a given seed. Feeds events through the same ingestion code path as the
 * HTTP API ({@code EventIngestion}), so simulated data exercises everything real data does.
 * Owns no tables.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Simulator")
package dev.flywheel.simulator;
