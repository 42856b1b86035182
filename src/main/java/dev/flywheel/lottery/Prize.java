package dev.flywheel.lottery;

/** A prize of a lottery's pool with its live stock: {@code stock + awarded = initialStock}. */
public record Prize(long id, int position, String name, PrizeKind kind, int weight, Integer initialStock,
    Integer stock, int awarded, Integer perCustomerLimit, long amount, Long couponTemplateId, long value, int tier) {

  public boolean inStock() {
    return stock == null || stock > 0;
  }
}
