package dev.flywheel.console;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Amounts of an asset as operators read and type them: money assets ({@code CASH_BACK},
 * {@code INTEREST_BONUS}) in yuan with two decimals (stored in fen), the others in whole units.
 * Exact: no floating point. Used by templates as {@code @assetAmounts}.
 */
@Component("assetAmounts")
class AssetAmounts {
  static final Set<String> MONEY = Set.of("CASH_BACK", "INTEREST_BONUS");

  public boolean isMoney(String asset) {
    return MONEY.contains(asset);
  }

  /** {@code 123456} fen of cash back → {@code 1,234.56}; 5000 points → {@code 5,000}. */
  public String format(Object asset, long units) {
    NumberFormat f = NumberFormat.getNumberInstance(Locale.ROOT);
    f.setGroupingUsed(true);
    if (isMoney(String.valueOf(asset))) {
      f.setMinimumFractionDigits(2);
      f.setMaximumFractionDigits(2);
      return f.format(BigDecimal.valueOf(units, 2));
    }
    return f.format(units);
  }

  /** The value for an input box: fen as plain yuan ({@code 1234.5}), others as digits. */
  public String input(Object asset, Long units) {
    if (units == null) {
      return "";
    }
    return isMoney(String.valueOf(asset)) ? BigDecimal.valueOf(units, 2).stripTrailingZeros().toPlainString()
        : String.valueOf(units);
  }

  /** Parses what an operator typed; null when it is not an amount of this asset (or negative). */
  public Long parse(String asset, String text) {
    try {
      BigDecimal value = new BigDecimal(text.strip().replace(",", ""));
      if (value.signum() < 0) {
        return null;
      }
      BigDecimal units = isMoney(asset) ? value.movePointRight(2) : value;
      return units.setScale(0, RoundingMode.UNNECESSARY).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
  }

  /** Percent of {@code part} in {@code whole}, 0-100, for progress bars. */
  public int percent(long part, long whole) {
    return whole <= 0 ? 0 : (int) Math.min(100, Math.round(part * 100.0 / whole));
  }
}
