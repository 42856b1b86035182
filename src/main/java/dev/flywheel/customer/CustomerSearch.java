package dev.flywheel.customer;

/** Filters for {@link Customers#search}; every null filter matches all. */
public record CustomerSearch(String idPrefix, String tag, LoanStage loanStage,
    LifecycleStage lifecycleStage) {
  public static CustomerSearch all() {
    return new CustomerSearch(null, null, null, null);
  }
}
