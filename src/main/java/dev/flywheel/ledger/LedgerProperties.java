package dev.flywheel.ledger;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Ledger settings ({@code flywheel.ledger.*}), checked at start-up.
 *
 * @param budgetSlots slot accounts per new budget: how many grants of one campaign can be in
 *     flight at once without waiting for each other (a refill chunk is 1/(4·slots) of the funded amount)
 * @param historySize postings shown in a wallet
 * @param batchSize lock-ups released (coupons expired) per upkeep transaction
 * @param upkeepInterval how often the upkeep job runs
 * @param groupCommit how {@code Ledger.grant} calls made outside a transaction share transactions
 */
@Validated
@ConfigurationProperties("flywheel.ledger")
public record LedgerProperties(
    @Min(1) @Max(256) @DefaultValue("16") int budgetSlots,
    @Min(1) @Max(500) @DefaultValue("50") int historySize,
    @Min(1) @Max(10_000) @DefaultValue("500") int batchSize,
    @NotNull @DefaultValue("PT1M") Duration upkeepInterval,
    @NotNull @Valid @DefaultValue GroupCommit groupCommit) {

  /**
   * {@code flywheel.ledger.group-commit.*}: concurrent {@code Ledger.grant} calls made outside a
   * transaction queue, and a worker runs whatever is waiting as one {@code grantAll} transaction;
   * each caller is answered after that commit. A grant inside a caller's transaction joins it.
   *
   * @param enabled false: each such grant is a transaction of its own
   * @param maxSize most grants per group transaction
   * @param workers group transactions in flight at once (one commits while the next is built)
   */
  public record GroupCommit(
      @DefaultValue("true") boolean enabled,
      @Min(1) @Max(10_000) @DefaultValue("512") int maxSize,
      @Min(1) @Max(16) @DefaultValue("2") int workers) {}
}
