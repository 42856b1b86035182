package dev.flywheel.event.ingest;

import jakarta.validation.Valid;
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
 * @param groupCommit how single-event ingestions ({@code POST /api/v1/events}) share transactions
 */
@Validated
@ConfigurationProperties("flywheel.events")
public record IngestionProperties(
    @NotNull @DefaultValue("PT5M") Duration maxFutureSkew,
    @Min(1) @Max(10_000) @DefaultValue("1000") int maxBatchSize,
    @Min(0) @Max(24) @DefaultValue("3") int partitionsAhead,
    @NotNull @Valid @DefaultValue GroupCommit groupCommit) {

  /**
   * {@code flywheel.events.group-commit.*}: concurrent single-event ingestions queue, and a worker
   * runs whatever is waiting as one transaction ({@link GroupCommitStage}).
   *
   * @param enabled false: each single event is its own transaction
   * @param maxSize most events per group transaction
   * @param maxWait how long a worker waits for more events after the first one before it starts
   *     (0: never waits; groups form from whatever queued while the previous group committed)
   * @param workers group transactions in flight at once
   */
  public record GroupCommit(
      @DefaultValue("true") boolean enabled,
      @Min(1) @Max(1_000) @DefaultValue("256") int maxSize,
      @NotNull @DefaultValue("PT0S") Duration maxWait,
      @Min(1) @Max(16) @DefaultValue("2") int workers) {}


  public IngestionProperties {
    if (maxFutureSkew != null && maxFutureSkew.isNegative()) {
      throw new IllegalArgumentException("flywheel.events.max-future-skew must not be negative");
    }
  }
}
