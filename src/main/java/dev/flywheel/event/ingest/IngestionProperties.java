package dev.flywheel.event.ingest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Ingestion settings ({@code flywheel.events.*}), checked at start-up.
 *
 * @param maxFutureSkew how far ahead of the server clock {@code occurred_at} may be (device clocks drift)
 * @param maxBatchSize most events one batch may carry
 * @param partitionsAhead how many months after the current one the daily job prepares
 */
@Validated
@ConfigurationProperties("flywheel.events")
public record IngestionProperties(
    @NotNull @DefaultValue("PT5M") Duration maxFutureSkew,
    @Min(1) @Max(10_000) @DefaultValue("1000") int maxBatchSize,
    @Min(0) @Max(24) @DefaultValue("3") int partitionsAhead) {

  public IngestionProperties {
    if (maxFutureSkew != null && maxFutureSkew.isNegative()) {
      throw new IllegalArgumentException("flywheel.events.max-future-skew must not be negative");
    }
  }
}
