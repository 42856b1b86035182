package dev.flywheel.reach;

/**
 * Why a message is sent; decides who wins when caps allow only some of a customer's pending
 * messages. Higher {@link #rank()} wins.
 */
public enum MessageCategory {
  /** Repayment due, overdue notices: the customer must get them. */
  TRANSACTIONAL(3),
  /** Account and service information. */
  SERVICE(2),
  /** Campaigns, offers, recall. */
  MARKETING(1);

  private final int rank;

  MessageCategory(int rank) {
    this.rank = rank;
  }

  public int rank() {
    return rank;
  }
}
