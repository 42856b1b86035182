package dev.flywheel.ledger;

import dev.flywheel.ledger.budget.BudgetAlerts;
import dev.flywheel.ledger.budget.BudgetOwners;
import dev.flywheel.ledger.budget.BudgetStore;
import dev.flywheel.ledger.budget.Claim;
import dev.flywheel.ledger.budget.Holdings;
import dev.flywheel.ledger.coupon.CouponStore;
import dev.flywheel.ledger.grant.GrantBatches;
import dev.flywheel.ledger.grant.GrantStore;
import dev.flywheel.ledger.wallet.Clawbacks;
import dev.flywheel.ledger.wallet.Lockups;
import dev.flywheel.ledger.wallet.WalletReads;
import dev.flywheel.platform.batch.GroupCommit;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ledger's API for other modules: budgets, grants, clawbacks, wallets. Every method is
 * transactional and joins the caller's transaction when there is one (the campaign module grants
 * from inside the event-ingestion transaction, so a grant commits or rolls back with its event).
 * Thread-safe; all concurrency control is PostgreSQL's (row locks, unique keys, check constraints).
 */
@Service
public class Ledger {
  private final BudgetStore budgets;
  private final BudgetAlerts alerts;
  private final GrantStore grants;
  private final GrantBatches batches;
  private final CouponStore coupons;
  private final Lockups lockups;
  private final Clawbacks clawbacks;
  private final WalletReads wallets;
  private final LedgerProperties properties;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final GroupCommit<GrantRequest, GrantOutcome> groupCommit;
  private final BudgetOwners owners;
  private final TransactionTemplate ownTx;
  private final Map<String, Long> ownerKeys = new ConcurrentHashMap<>();
  private static final AtomicLong SAVEPOINTS = new AtomicLong();
  private final JdbcClient jdbc;

  Ledger(BudgetStore budgets, BudgetAlerts alerts, GrantStore grants, GrantBatches batches, CouponStore coupons, Lockups lockups,
      Clawbacks clawbacks, WalletReads wallets, LedgerProperties properties, PlatformTransactionManager transactions,
      Clock clock, BudgetOwners owners, JdbcClient jdbc) {
    this.owners = owners;
    this.jdbc = jdbc;
    this.ownTx = new TransactionTemplate(transactions);
    this.ownTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.budgets = budgets;
    this.alerts = alerts;
    this.grants = grants;
    this.batches = batches;
    this.coupons = coupons;
    this.lockups = lockups;
    this.clawbacks = clawbacks;
    this.wallets = wallets;
    this.properties = properties;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
    LedgerProperties.GroupCommit settings = properties.groupCommit();
    this.groupCommit = settings.enabled()
        ? new GroupCommit<>("ledger-grant-group", new GroupCommit.Limits(settings.maxSize(), Duration.ZERO,
            settings.workers()), requests -> tx.execute(status -> grantAllHere(requests)), this::grantAlone,
            "it may be granted: ask again with the same key")
        : null;
  }

  @PreDestroy
  void stop() throws InterruptedException {
    if (groupCommit != null) {
      groupCommit.stop();
    }
  }

  /**
   * The budget key of an owner that is not a campaign (e.g. {@code ("lottery", "12")}): use it
   * wherever the ledger asks for a campaign id ({@link #fund}, {@link GrantRequest}, {@link #budget}).
   * Registered in {@code ledger_budget_owners} on first use, in a transaction of its own (so the key
   * is committed before anyone uses it); the same owner always gets the same key, a negative one
   * that no campaign id and no other owner shares.
   *
   * @param ownerType lower-case letters, digits and dashes, e.g. {@code lottery}, {@code fission-activity}
   */
  public long budgetKey(long tenantId, String ownerType, String ownerId) {
    String cacheKey = tenantId + "/" + ownerType + "/" + ownerId;
    Long known = ownerKeys.get(cacheKey);
    if (known != null) {
      return known;
    }
    Long key = ownTx.execute(status -> owners.key(tenantId, ownerType, ownerId, clock.instant()));
    ownerKeys.put(cacheKey, key);
    return key;
  }

  /**
   * Adds {@code amount} to a campaign's budget for an asset, from the tenant's funding account;
   * opens the budget (main account and slots) on first use. Not idempotent: each call funds.
   */
  @Transactional
  public Budget fund(long tenantId, long campaignId, Asset asset, long amount, String actor) {
    if (amount <= 0) {
      throw new IllegalArgumentException("a budget is funded with a positive amount");
    }
    budgets.fund(tenantId, campaignId, asset, amount, properties.budgetSlots(), actor, clock.instant());
    return budgets.budget(tenantId, campaignId);
  }

  /**
   * Moves value from the campaign's budget to the customer's wallet, exactly once per
   * {@code (campaign, rule, source event)}: a replay, even a concurrent one, returns the stored
   * grant and posts nothing. Never overspends: the budget debit is checked under a row lock.
   * A handful of statements on the fast path (replay check, slot claim, one insert statement for
   * grant + entry + postings, alert check).
   *
   * <p>Inside a transaction the grant joins it (it commits or rolls back with the caller's work).
   * Outside one, it is committed before this method returns: by default through the ledger's group
   * commit ({@code flywheel.ledger.group-commit.*}), which runs concurrent callers' grants as one
   * {@link #grantAll} transaction and answers each after the commit — same outcome, same
   * guarantees, far fewer statements and commits per grant under load.
   *
   * @throws IllegalArgumentException when the coupon template is not the tenant's
   */
  public GrantOutcome grant(GrantRequest request) {
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      return grantHere(request);
    }
    return groupCommit != null ? groupCommit.submit(request) : grantAlone(request);
  }

  private GrantOutcome grantAlone(GrantRequest request) {
    return tx.execute(status -> grantHere(request));
  }

  /**
   * A savepoint in the caller's transaction that the ledger knows about. Rolling back to it
   * ({@link Savepoint#rollBack}) also makes the ledger forget the budget and wallet locks taken
   * since — PostgreSQL released them — so the transaction's later claims may wait for those rows
   * again instead of being refused as contended. (A budget alert recorded after it and rolled back
   * has still published its event: {@link #budgetExhausted} tells whether it stands.)
   */
  public Savepoint savepoint() {
    String name = "flywheel_ledger_" + SAVEPOINTS.incrementAndGet();
    Savepoint savepoint = new Savepoint(name, budgets.holdings());
    jdbc.sql("savepoint " + name).update();
    return savepoint;
  }

  /** A savepoint set by {@link #savepoint}: release it, or roll back to it (which releases it too). */
  public final class Savepoint {
    private final String name;
    private final Holdings before;

    private Savepoint(String name, Holdings before) {
      this.name = name;
      this.before = before;
    }

    public void release() {
      jdbc.sql("release savepoint " + name).update();
    }

    public void rollBack() {
      jdbc.sql("rollback to savepoint " + name).update();
      jdbc.sql("release savepoint " + name).update();
      budgets.restore(before);
    }
  }

  /**
   * Whether the campaign's budget for {@code asset} is exhausted: its 100 % alert is recorded at
   * the current funded level. What a listener of {@link BudgetExhausted} checks after the commit
   * (the publishing transaction may have rolled the alert back to a savepoint, see {@link #savepoint}).
   */
  public boolean budgetExhausted(long tenantId, long campaignId, Asset asset) {
    return alerts.exhausted(tenantId, campaignId, asset);
  }

  /** Statistics of the grant group commit (zeros when it is disabled). */
  public GroupCommitStats groupCommitStats() {
    GroupCommit.Stats s = groupCommit != null ? groupCommit.stats() : new GroupCommit.Stats(0, 0, 0);
    return new GroupCommitStats(s.groups(), s.requests(), s.fallbacks());
  }

  /** Group transactions run, grants they carried, groups that failed and were retried grant by grant. */
  public record GroupCommitStats(long groups, long grants, long fallbacks) {}

  private GrantOutcome grantHere(GrantRequest request) {
    Optional<Grant> stored = grants.find(request.tenantId(), request.campaignId(), request.ruleId(),
        request.sourceEventId());
    if (stored.isPresent()) {
      return new GrantOutcome.AlreadyGranted(stored.get());
    }
    Optional<CouponTemplate> template = Optional.ofNullable(request.couponTemplateId())
        .map(id -> coupons.template(request.tenantId(), id)
            .orElseThrow(() -> new IllegalArgumentException("no coupon template " + id)));
    Instant now = clock.instant();
    String actor = "campaign:" + request.campaignId();
    Claim claim = budgets.claim(request.tenantId(), request.campaignId(), request.asset(), request.amount(), actor, now);
    if (claim instanceof Claim.Short(Long budgetId, long remaining, Long lockedMain, boolean contended)) {
      if (budgetId != null && !contended) {
        alerts.refused(budgetId, now);
      }
      return new GrantOutcome.BudgetExhausted(request.campaignId(), request.asset(), remaining);
    }
    Claim.Claimed claimed = (Claim.Claimed) claim;
    Optional<GrantStore.Recorded> recorded = grants.record(request, claimed.accountId(), actor, now);
    budgets.walletsLocked();
    if (recorded.isEmpty()) {
      // a concurrent twin committed first; we only held the slot's lock, nothing to undo
      return new GrantOutcome.AlreadyGranted(grants.find(request.tenantId(), request.campaignId(),
          request.ruleId(), request.sourceEventId()).orElseThrow());
    }
    long grantId = recorded.get().grantId();
    if (request.pending()) {
      lockups.add(request.tenantId(), grantId, request.customerId(), request.asset(), request.amount(),
          request.availableAt());
    }
    template.ifPresent(t -> coupons.issue(request.tenantId(), grantId, t, request.customerId(), request.amount(), now));
    alerts.check(claimed.budgetId(), now);
    return new GrantOutcome.Granted(request.asset() == Asset.COUPON ? grants.get(grantId)
        : new Grant(grantId, request.campaignId(), request.ruleId(), request.sourceEventId(), request.customerId(),
            request.asset(), request.amount(), request.availableAt(), List.of(), now));
  }

  /**
   * Many grants in the caller's transaction, with {@link #grant}'s guarantees (exactly once per
   * {@code (campaign, rule, source event)}, never over budget) and one outcome per request, in
   * order. Per (campaign, asset) the budget is claimed once, for the total of the requests not
   * granted before; the wallets are opened by one statement and every grant row, entry and
   * posting is written by another ({@link GrantBatches}). When the budget covers only part of the total, requests are granted in request
   * order while it lasts (a request larger than what is left is refused, a later smaller one may
   * still be granted — as a sequence of {@link #grant} calls would do). A repeated key inside the
   * batch answers {@code AlreadyGranted} with the first one's grant (or the first one's refusal).
   * Coupon grants take {@link #grant}'s path one by one (each issues its own coupons).
   *
   * <p>Budgets are claimed in (tenant, campaign, asset) order, so concurrent batches lock in one
   * order. About six statements per (campaign, asset) whatever the batch size.
   *
   * @throws IllegalArgumentException when a coupon template is not the tenant's
   */
  @Transactional
  public List<GrantOutcome> grantAll(List<GrantRequest> requests) {
    return grantAllHere(requests);
  }

  private List<GrantOutcome> grantAllHere(List<GrantRequest> requests) {
    return batches.grantAll(requests, clock.instant(), this::grantHere);
  }

  /** Every grant made because of one source event (for replaying an event's effects). */
  @Transactional(readOnly = true)
  public List<Grant> grantsFor(long tenantId, String sourceEventId) {
    return grants.forSource(tenantId, sourceEventId);
  }

  /** How many grants a customer received from a campaign since {@code since} (for per-customer caps). */
  @Transactional(readOnly = true)
  public long grantCount(long tenantId, long campaignId, String customerId, Instant since) {
    return grants.count(tenantId, campaignId, customerId, since);
  }

  /** Claws back the rewards of a source event; idempotent per grant. See {@link ClawbackRequest.Policy}. */
  @Transactional
  public ClawbackResult clawBack(ClawbackRequest request) {
    return clawbacks.clawBack(request, clock.instant());
  }

  @Transactional(readOnly = true)
  public Budget budget(long tenantId, long campaignId) {
    return budgets.budget(tenantId, campaignId);
  }

  /** The customer's wallet; empty (not absent) for a customer the ledger never saw. */
  @Transactional(readOnly = true)
  public Wallet wallet(long tenantId, String customerId) {
    return wallets.wallet(tenantId, customerId, properties.historySize(), clock.instant());
  }

  /**
   * The upkeep job's work, callable directly (tests move the clock instead of waiting): releases
   * due pending rewards, expires coupons past validity, and fires budget alerts that concurrent
   * grants hid. Each batch is its own transaction; safe on several nodes at once.
   */
  public Upkeep upkeep() {
    Instant now = clock.instant();
    int released = 0;
    for (int n; (n = inTransaction(() -> lockups.releaseDue(now, properties.batchSize()))) > 0; ) {
      released += n;
    }
    int expired = 0;
    for (int n; (n = inTransaction(() -> coupons.expire(now, properties.batchSize()))) > 0; ) {
      expired += n;
    }
    int alerted = inTransaction(() -> alerts.sweep(now));
    return new Upkeep(released, expired, alerted);
  }

  private int inTransaction(java.util.function.IntSupplier work) {
    Integer done = tx.execute(status -> work.getAsInt());
    return done == null ? 0 : done;
  }

  /** What one upkeep run did. */
  public record Upkeep(int released, int expiredCoupons, int budgetsAlerted) {}
}
