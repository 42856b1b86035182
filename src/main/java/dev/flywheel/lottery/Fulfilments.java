package dev.flywheel.lottery;

import dev.flywheel.lottery.store.FulfilmentStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Physical prizes on their way: the winner gives an address (PENDING_ADDRESS → TO_SHIP, correctable
 * until shipped), an employee ships (→ SHIPPED, tracking number), the winner or an employee
 * confirms receipt (→ RECEIVED). Each step is a conditional update on the status it leaves.
 */
@Service
public class Fulfilments {
  private final FulfilmentStore store;
  private final Clock clock;

  Fulfilments(FulfilmentStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** What a fulfilment step did; {@code code}: not-found, validation-failed, wrong-status. */
  public sealed interface Step {
    record Done(Fulfilment fulfilment) implements Step {}

    record Refused(String code, String detail) implements Step {}
  }

  @Transactional
  public Step address(long tenantId, long lotteryId, long id, String customerId, String recipient, String phone,
      String address, String actor) {
    Optional<Fulfilment> found = store.find(tenantId, id)
        .filter(f -> f.customerId().equals(customerId) && f.lotteryId() == lotteryId);
    if (found.isEmpty()) {
      return new Step.Refused("not-found", "Prize delivery " + id + " was not found");
    }
    if (blank(recipient, 50) || phone == null || !phone.matches("[+0-9 ()-]{5,20}") || blank(address, 300)) {
      return new Step.Refused("validation-failed", "Name (≤ 50), phone (5–20 digits) and address (≤ 300) are required");
    }
    if (!store.address(tenantId, id, customerId, recipient.strip(), phone.strip(), address.strip(), actor,
        clock.instant())) {
      return new Step.Refused("wrong-status", "The prize has already been shipped");
    }
    return new Step.Done(store.find(tenantId, id).orElseThrow());
  }

  /** Moves a task from {@code from} to the next status; {@code trackingNo} optional (SHIPPED). */
  @Transactional
  public Step advance(long tenantId, long id, FulfilmentStatus from, String trackingNo, String actor) {
    if (store.find(tenantId, id).isEmpty()) {
      return new Step.Refused("not-found", "Prize delivery " + id + " was not found");
    }
    if (from == FulfilmentStatus.PENDING_ADDRESS || from.next() == null) {
      return new Step.Refused("wrong-status", "Only the winner's address moves a task out of " + from);
    }
    if (trackingNo != null && trackingNo.length() > 100) {
      return new Step.Refused("validation-failed", "A tracking number has at most 100 characters");
    }
    if (!store.advance(tenantId, id, from, trackingNo, actor, clock.instant())) {
      return new Step.Refused("wrong-status", "The task is not " + from + " (any more)");
    }
    return new Step.Done(store.find(tenantId, id).orElseThrow());
  }

  /** The winner confirms receipt: SHIPPED → RECEIVED. */
  @Transactional
  public Step received(long tenantId, long lotteryId, long id, String customerId, String actor) {
    Optional<Fulfilment> found = store.find(tenantId, id)
        .filter(f -> f.customerId().equals(customerId) && f.lotteryId() == lotteryId);
    if (found.isEmpty()) {
      return new Step.Refused("not-found", "Prize delivery " + id + " was not found");
    }
    return advance(tenantId, id, FulfilmentStatus.SHIPPED, null, actor);
  }

  @Transactional(readOnly = true)
  public List<Fulfilment> list(long tenantId, FulfilmentStatus status) {
    return store.list(tenantId, status, 500);
  }

  @Transactional(readOnly = true)
  public Optional<Fulfilment> get(long tenantId, long id) {
    return store.find(tenantId, id);
  }

  private static boolean blank(String s, int max) {
    return s == null || s.isBlank() || s.length() > max;
  }
}
