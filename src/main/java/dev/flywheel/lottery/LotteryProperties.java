package dev.flywheel.lottery;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Lottery settings ({@code flywheel.lottery.*}), checked at start-up.
 *
 * @param groupCommit how {@code Draws.draw} calls made outside a transaction share transactions
 */
@Validated
@ConfigurationProperties("flywheel.lottery")
public record LotteryProperties(@NotNull @Valid @DefaultValue GroupCommit groupCommit) {

  /**
   * {@code flywheel.lottery.group-commit.*}: concurrent draws queue, and a worker runs whatever is
   * waiting as one set-based draw transaction; each caller is answered after that commit.
   *
   * @param enabled false: each draw is a transaction of its own
   * @param maxSize most draws per group transaction
   * @param workers group transactions in flight at once (one commits while the next is built)
   */
  public record GroupCommit(
      @DefaultValue("true") boolean enabled,
      @Min(1) @Max(10_000) @DefaultValue("256") int maxSize,
      @Min(1) @Max(16) @DefaultValue("2") int workers) {}
}
